namespace Mosaic.PaymentProvider.Contracts;

/// <summary>The HTTP headers of the provider's idempotency protocol.</summary>
public static class ProviderHeaders
{
    /// <summary>Required on <c>POST /charges</c>: the caller's key for "this one charge", 1 to 200 characters.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on an answer that repeats the one first given for the same key.</summary>
    public const string IdempotentReplayed = "Idempotent-Replayed";
}
