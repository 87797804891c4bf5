using Mosaic.Platform.Manifest;

namespace Mosaic.Gateway.Routing;

/// <summary>
/// One operation a route opens to callers without a token, written in mosaic.yaml as
/// "METHOD /path" where <c>*</c> stands for exactly one non-empty path segment.
/// </summary>
internal sealed class AnonymousOperation
{
    private const string AnySegment = "*";
    private readonly string[] segments;

    private AnonymousOperation(string method, string[] segments)
    {
        Method = method;
        this.segments = segments;
    }

    public string Method { get; }

    public static AnonymousOperation Parse(string text, string routePrefix)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].All(char.IsAsciiLetter) || !parts[1].StartsWith('/'))
            throw Invalid(text, routePrefix);
        var path = parts[1].TrimEnd('/');
        var segments = path.Length == 0 ? [] : path[1..].Split('/');
        if (segments.Any(s => s.Length == 0)) throw Invalid(text, routePrefix);
        return new AnonymousOperation(parts[0].ToUpperInvariant(), segments);
    }

    /// <summary>
    /// Whether a request is this operation. Case-insensitive and tolerant of one trailing slash,
    /// because that is how the services' own routing will dispatch the same request.
    /// </summary>
    public bool Matches(string method, ReadOnlySpan<char> path)
    {
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase)) return false;
        if (path.Length > 1 && path[^1] == '/') path = path[..^1];
        var rest = path.Length > 0 && path[0] == '/' ? path[1..] : path;
        if (segments.Length == 0) return rest.IsEmpty;

        for (var i = 0; i < segments.Length; i++)
        {
            if (rest.IsEmpty) return false;
            var slash = rest.IndexOf('/');
            var last = i == segments.Length - 1;
            if (last != slash < 0) return false;
            var current = slash < 0 ? rest : rest[..slash];
            if (current.IsEmpty) return false;
            if (segments[i] != AnySegment && !current.Equals(segments[i], StringComparison.OrdinalIgnoreCase)) return false;
            rest = slash < 0 ? [] : rest[(slash + 1)..];
        }
        return true;
    }

    private static ManifestException Invalid(string text, string routePrefix) => new(
        $"mosaic.yaml: route '{routePrefix}' lists the anonymous operation '{text}'; write it as 'METHOD /path' " +
        "(for example 'GET /products/*', where '*' matches one path segment).");
}
