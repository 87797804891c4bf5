namespace Mosaic.Platform.Policy;

/// <summary>
/// The one spelling of a request path that both the policy decision and the endpoint dispatch see.
/// Kestrel has already decoded the path (all but <c>%2F</c>) and removed dot segments; what is left
/// that could be read two ways is refused rather than guessed at: a remaining <c>%</c> (an encoded
/// slash or a double encoding), a backslash, a dot segment, a control character or anything outside
/// ASCII (look-alike letters and slashes). Repeated slashes collapse and a trailing slash goes.
/// Routing compares paths case-insensitively, and so do policy templates.
/// </summary>
public static class CanonicalPath
{
    /// <summary>
    /// The canonical form of <paramref name="path"/>, or null when it is ambiguous. Returns the same
    /// string when it is already canonical, so a usual request allocates nothing.
    /// </summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "/";
        if (path[0] != '/') return null;
        var needsRewrite = false;
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                if (!IsAllowed(path[i])) return null;
                continue;
            }
            var segment = path.AsSpan(segmentStart, i - segmentStart);
            if (segment is "." or "..") return null;
            // An empty segment is a '//' inside the path or a trailing '/'.
            if (segment.IsEmpty && !(i == path.Length && i == 1)) needsRewrite = true;
            segmentStart = i + 1;
        }
        return needsRewrite ? Collapse(path) : path;
    }

    /// <summary>The characters a canonical path segment may hold: RFC 3986's unreserved and sub-delims, ':' and '@'.</summary>
    public static bool IsAllowed(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or ':' or '@';

    private static string Collapse(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? "/" : "/" + string.Join('/', parts);
    }
}
