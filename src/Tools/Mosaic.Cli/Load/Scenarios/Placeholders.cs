namespace Mosaic.Cli.Load.Scenarios;

/// <summary>The <c>{name}</c> placeholders a scenario's paths, headers and bodies may use.</summary>
public static class Placeholders
{
    /// <summary>One of the products the run created for itself (large stock, so orders do not run out).</summary>
    public const string ProductId = "{productId}";

    /// <summary>An order placed earlier in the run by a request with <c>remember: order</c>; the request is sent as that order's owner.</summary>
    public const string OrderId = "{orderId}";

    /// <summary>A page of the catalog listing, 1 to the number of pages the catalog had when the run began.</summary>
    public const string Page = "{page}";

    /// <summary>A new random identifier (for an Idempotency-Key).</summary>
    public const string Uuid = "{uuid}";

    public static readonly IReadOnlyList<string> All = [ProductId, OrderId, Page, Uuid];

    public static bool Uses(ScenarioRequest request, string placeholder)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.Contains(placeholder, StringComparison.Ordinal)
            || (request.Body?.Contains(placeholder, StringComparison.Ordinal) ?? false)
            || request.Headers.Values.Any(v => v.Contains(placeholder, StringComparison.Ordinal));
    }

    /// <summary>Names in braces that are not placeholders, so a typo fails before the run rather than sending it literally.</summary>
    public static IEnumerable<string> Unknown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        while ((start = text.IndexOf('{', start)) >= 0)
        {
            var end = text.IndexOf('}', start);
            if (end < 0) yield break;
            var candidate = text[start..(end + 1)];
            // JSON bodies contain braces too; only a brace around a bare word is a placeholder.
            if (candidate.Length > 2 && candidate[1..^1].All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_') && !All.Contains(candidate))
                yield return candidate;
            start = end + 1;
        }
    }
}
