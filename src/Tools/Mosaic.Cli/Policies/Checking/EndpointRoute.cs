using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Checking;

/// <summary>
/// An endpoint of a contract, <c>GET /products/{id:guid}</c>, for checking that a policy operation can reach it:
/// a <c>{parameter}</c> segment (with any constraint) matches <c>*</c> or any literal, a catch-all
/// (<c>{*rest}</c>, <c>{**rest}</c>) matches the rest; literals compare case-insensitively, as routing does.
/// </summary>
public sealed class EndpointRoute
{
    private readonly Segment[] segments;

    private EndpointRoute(string method, string text, Segment[] segments)
    {
        Method = method;
        Text = text;
        this.segments = segments;
    }

    /// <summary>The HTTP method, or <c>*</c> for an endpoint that takes any.</summary>
    public string Method { get; }

    public string Text { get; }

    /// <summary>Reads <c>METHOD /route</c>; null when it is not that shape.</summary>
    public static EndpointRoute? Parse(string endpoint)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space == endpoint.Length - 1 || endpoint[space + 1] != '/') return null;
        var route = endpoint[(space + 1)..];
        var segments = route.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Classify).ToArray();
        return new EndpointRoute(endpoint[..space], endpoint, segments);
    }

    /// <summary>Is there a request <paramref name="operation"/> allows that this endpoint serves?</summary>
    public bool IsReachedBy(OperationPattern operation) =>
        (operation.AnyMethod || Method == "*" || string.Equals(operation.Method, Method, StringComparison.OrdinalIgnoreCase))
        && Overlaps(operation.Path.Segments.ToArray(), 0, 0);

    public override string ToString() => Text;

    private bool Overlaps((string Text, bool IsWildcard, bool IsRest)[] template, int i, int j)
    {
        if (i == template.Length)
            return j == segments.Length || (j == segments.Length - 1 && segments[j].Kind is SegmentKind.CatchAll or SegmentKind.OptionalParameter);
        var wanted = template[i];
        if (wanted.IsRest) return true;
        if (j == segments.Length) return false;
        var offered = segments[j];
        if (offered.Kind == SegmentKind.CatchAll) return true;
        var matches = wanted.IsWildcard || offered.Kind != SegmentKind.Literal || string.Equals(wanted.Text, offered.Text, StringComparison.OrdinalIgnoreCase);
        return matches && Overlaps(template, i + 1, j + 1);
    }

    private static Segment Classify(string text) => text switch
    {
        _ when text.StartsWith("{*", StringComparison.Ordinal) => new Segment(SegmentKind.CatchAll, text),
        _ when text.StartsWith('{') && text.EndsWith("?}", StringComparison.Ordinal) => new Segment(SegmentKind.OptionalParameter, text),
        _ when text.Contains('{', StringComparison.Ordinal) => new Segment(SegmentKind.Parameter, text),
        _ => new Segment(SegmentKind.Literal, text),
    };

    private enum SegmentKind
    {
        Literal,
        Parameter,
        OptionalParameter,
        CatchAll,
    }

    private readonly record struct Segment(SegmentKind Kind, string Text);
}
