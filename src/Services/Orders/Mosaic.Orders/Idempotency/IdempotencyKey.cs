namespace Mosaic.Orders.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header's rules: 1 to 100 visible ASCII characters, chosen by the client per intended order.</summary>
public static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";

    /// <summary>The key, or null with <paramref name="error"/> saying what is wrong with the header.</summary>
    public static string? Read(IReadOnlyList<string?> values, out string? error)
    {
        error = null;
        if (values.Count == 0 || values is [null or ""])
        {
            error = $"The {Header} header is required: send a unique value (such as a UUID) per order, and the same value when retrying it.";
            return null;
        }
        if (values.Count > 1)
        {
            error = $"Send the {Header} header once.";
            return null;
        }
        var key = values[0]!;
        if (key.Length > IdempotencyRecord.KeyMaxLength || key.Any(c => c is < '!' or > '~'))
        {
            error = $"The {Header} header has 1 to {IdempotencyRecord.KeyMaxLength} visible ASCII characters (no spaces).";
            return null;
        }
        return key;
    }
}
