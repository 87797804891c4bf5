namespace Mosaic.Cli.Policies.Graph;

/// <summary>A node's box: its centre and size, in SVG user units.</summary>
public sealed record NodeBox(string Name, double X, double Y, double Width, double Height)
{
    public double Left => X - Width / 2;

    public double Top => Y - Height / 2;

    /// <summary>Where the line from the centre towards (<paramref name="toX"/>, <paramref name="toY"/>) leaves the box.</summary>
    public (double X, double Y) Border(double toX, double toY)
    {
        var dx = toX - X;
        var dy = toY - Y;
        if (dx == 0 && dy == 0) return (X, Y);
        var scale = Math.Min(dx == 0 ? double.MaxValue : Width / 2 / Math.Abs(dx), dy == 0 ? double.MaxValue : Height / 2 / Math.Abs(dy));
        return (X + dx * scale, Y + dy * scale);
    }
}

/// <summary>How one bundle is drawn: the points of its line, source to target, and the centre of its label.</summary>
public sealed record EdgeRoute(EdgeBundle Bundle, IReadOnlyList<(double X, double Y)> Points, (double X, double Y) LabelCentre);

/// <summary>Where everything goes: the boxes, the arrows, and the size of the picture.</summary>
public sealed record GraphLayout(IReadOnlyList<NodeBox> Boxes, IReadOnlyList<EdgeRoute> Routes, double Width, double Height);
