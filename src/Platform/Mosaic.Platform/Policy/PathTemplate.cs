namespace Mosaic.Platform.Policy;

/// <summary>
/// A path pattern in a policy rule: literal segments, <c>*</c> for exactly one segment and a final
/// <c>**</c> for any number of segments (none included). Literals compare case-insensitively, as
/// ASP.NET Core's routing does, so a rule and the endpoint it guards agree on what a path is.
/// Matching allocates nothing: a decision is on every request.
/// </summary>
public sealed class PathTemplate
{
    private readonly Segment[] segments;

    private PathTemplate(string text, Segment[] segments)
    {
        Text = text;
        this.segments = segments;
    }

    public string Text { get; }

    /// <summary>True when the template ends in <c>**</c>.</summary>
    public bool IsOpenEnded => segments.Length > 0 && segments[^1].Kind == SegmentKind.Rest;

    public int SegmentCount => segments.Length;

    public static bool TryParse(string text, out PathTemplate? template, out string? error)
    {
        template = null;
        error = null;
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            error = $"'{text}' must start with '/'";
            return false;
        }
        if (text == "/")
        {
            template = new PathTemplate(text, []);
            return true;
        }
        var parts = text[1..].Split('/');
        var parsed = new Segment[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                error = $"'{text}' has an empty segment (a '//' or a trailing '/')";
                return false;
            }
            if (part == "**")
            {
                if (i != parts.Length - 1)
                {
                    error = $"'{text}' uses '**' before its last segment; '**' may only end a template";
                    return false;
                }
                parsed[i] = new Segment(SegmentKind.Rest, part);
                continue;
            }
            if (part == "*")
            {
                parsed[i] = new Segment(SegmentKind.One, part);
                continue;
            }
            if (part is "." or ".." || part.Contains('*') || part.Contains('%') || !part.All(CanonicalPath.IsAllowed))
            {
                error = $"'{text}' has the segment '{part}', which no canonical path contains (use letters, digits, '-', '_', '.', '~', or '*' for a whole segment)";
                return false;
            }
            parsed[i] = new Segment(SegmentKind.Literal, part);
        }
        template = new PathTemplate(text, parsed);
        return true;
    }

    /// <summary>Does the canonical <paramref name="path"/> (see <see cref="CanonicalPath"/>) match?</summary>
    public bool Matches(ReadOnlySpan<char> path)
    {
        var rest = path.StartsWith('/') ? path[1..] : path;
        foreach (var segment in segments)
        {
            if (segment.Kind == SegmentKind.Rest) return true;
            if (rest.IsEmpty) return false;
            var slash = rest.IndexOf('/');
            var current = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? [] : rest[(slash + 1)..];
            if (current.IsEmpty) return false;
            if (segment.Kind == SegmentKind.Literal && !current.Equals(segment.Text, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return rest.IsEmpty;
    }

    /// <summary>
    /// True when every path this template matches is also matched by <paramref name="other"/>: the
    /// test for a shadowed rule.
    /// </summary>
    public bool IsCoveredBy(PathTemplate other)
    {
        for (var i = 0; i < other.segments.Length; i++)
        {
            var theirs = other.segments[i];
            if (theirs.Kind == SegmentKind.Rest) return true;
            if (i >= segments.Length) return false;
            var mine = segments[i];
            if (mine.Kind == SegmentKind.Rest) return false;
            if (theirs.Kind == SegmentKind.One) continue;
            if (mine.Kind != SegmentKind.Literal || !mine.Text.Equals(theirs.Text, StringComparison.OrdinalIgnoreCase)) return false;
        }
        return segments.Length == other.segments.Length;
    }

    /// <summary>The literal segments, for tools that check a template against an endpoint's route.</summary>
    public IEnumerable<(string Text, bool IsWildcard, bool IsRest)> Segments =>
        segments.Select(s => (s.Text, s.Kind == SegmentKind.One, s.Kind == SegmentKind.Rest));

    public override string ToString() => Text;

    private enum SegmentKind
    {
        Literal,
        One,
        Rest,
    }

    private readonly record struct Segment(SegmentKind Kind, string Text);
}
