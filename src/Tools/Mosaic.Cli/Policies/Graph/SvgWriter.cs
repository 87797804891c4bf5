using System.Globalization;
using System.Xml.Linq;

namespace Mosaic.Cli.Policies.Graph;

/// <summary>
/// The map as an SVG picture laid out by <see cref="LayeredLayout"/>: boxes for services, solid dark arrows for
/// calls (labelled with the paths they reach), dashed orange arrows for events (labelled with their types), and a
/// legend. Built as XML, so it is always well-formed.
/// </summary>
public static class SvgWriter
{
    public const string CallColour = "#1f2937";
    public const string EventColour = "#c2410c";
    private const double LegendHeight = 56;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static string Write(DependencyGraph graph)
    {
        var layout = LayeredLayout.Place(graph);
        var width = Math.Max(layout.Width, 440);
        var height = layout.Height + LegendHeight;
        var root = new XElement(Svg + "svg",
            new XAttribute("width", Number(width)),
            new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            new XAttribute("font-family", "Helvetica, Arial, sans-serif"),
            new XElement(Svg + "title", "Who may call whom, and which events go from publishers to consumers"),
            new XElement(Svg + "defs", Marker("call-arrow", CallColour), Marker("event-arrow", EventColour)),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")));
        root.Add(layout.Routes.Select(Arrow));
        root.Add(layout.Boxes.Select(Box));
        root.Add(layout.Routes.Select(Label));
        root.Add(Legend(layout.Height + 8));
        return new XDocument(root).ToString() + "\n";
    }

    private static XElement Arrow(EdgeRoute route)
    {
        var isEvent = route.Bundle.Kind == EdgeKind.Event;
        var path = new XElement(Svg + "polyline",
            new XAttribute("points", string.Join(' ', route.Points.Select(p => $"{Number(p.X)},{Number(p.Y)}"))),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", isEvent ? EventColour : CallColour),
            new XAttribute("stroke-width", isEvent ? "1.5" : "2"),
            new XAttribute("stroke-linejoin", "round"),
            new XAttribute("marker-end", $"url(#{(isEvent ? "event-arrow" : "call-arrow")})"),
            new XAttribute("class", isEvent ? "event" : "call"),
            new XElement(Svg + "title", $"{route.Bundle.From} -> {route.Bundle.To}: {string.Join(", ", route.Bundle.Labels)}"));
        if (isEvent) path.Add(new XAttribute("stroke-dasharray", "6 4"));
        return path;
    }

    private static XElement Label(EdgeRoute route)
    {
        var lines = route.Bundle.Labels;
        var colour = route.Bundle.Kind == EdgeKind.Event ? EventColour : CallColour;
        var (x, y) = route.LabelCentre;
        var width = lines.Max(l => l.Length) * 6.4 + 8;
        var height = lines.Count * LayeredLayout.LabelLineHeight + 4;
        var group = new XElement(Svg + "g", new XAttribute("class", "label"),
            new XElement(Svg + "rect",
                new XAttribute("x", Number(x - width / 2)), new XAttribute("y", Number(y - height / 2)),
                new XAttribute("width", Number(width)), new XAttribute("height", Number(height)),
                new XAttribute("rx", "3"), new XAttribute("fill", "#ffffff"), new XAttribute("stroke", colour),
                new XAttribute("stroke-width", "0.5"), new XAttribute("stroke-opacity", "0.4")));
        for (var i = 0; i < lines.Count; i++)
            group.Add(new XElement(Svg + "text",
                new XAttribute("x", Number(x)), new XAttribute("y", Number(y - height / 2 + 2 + LayeredLayout.LabelLineHeight * (i + 0.8))),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "11"), new XAttribute("fill", colour),
                lines[i]));
        return group;
    }

    private static XElement Box(NodeBox box)
    {
        var isOperator = box.Name == PolicySource.Operator;
        var rect = new XElement(Svg + "rect",
            new XAttribute("x", Number(box.Left)), new XAttribute("y", Number(box.Top)),
            new XAttribute("width", Number(box.Width)), new XAttribute("height", Number(box.Height)),
            new XAttribute("rx", "8"), new XAttribute("fill", isOperator ? "#f3f4f6" : "#e0ecff"),
            new XAttribute("stroke", isOperator ? "#6b7280" : "#2563eb"), new XAttribute("stroke-width", "1.5"));
        if (isOperator) rect.Add(new XAttribute("stroke-dasharray", "4 3"));
        return new XElement(Svg + "g", new XAttribute("class", "service"), new XAttribute("id", $"service-{box.Name}"),
            rect,
            new XElement(Svg + "text",
                new XAttribute("x", Number(box.X)), new XAttribute("y", Number(box.Y + 5)),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "14"), new XAttribute("fill", "#111827"),
                LayeredLayout.NodeLabel(box.Name)));
    }

    /// <summary>An arrowhead sized in picture units, whatever the line's width.</summary>
    private static XElement Marker(string id, string colour) =>
        new(Svg + "marker",
            new XAttribute("id", id), new XAttribute("viewBox", "0 0 10 10"), new XAttribute("refX", "10"), new XAttribute("refY", "5"),
            new XAttribute("markerUnits", "userSpaceOnUse"), new XAttribute("markerWidth", "10"), new XAttribute("markerHeight", "10"),
            new XAttribute("orient", "auto"),
            new XElement(Svg + "path", new XAttribute("d", "M 0 0 L 10 5 L 0 10 z"), new XAttribute("fill", colour)));

    private static XElement Legend(double y) =>
        new(Svg + "g", new XAttribute("class", "legend"), new XAttribute("font-size", "12"),
            LegendLine(y + 12, CallColour, dashed: false, "call-arrow", "HTTP call the policy allows (the paths it reaches)"),
            LegendLine(y + 32, EventColour, dashed: true, "event-arrow", "event, publisher → consumer (its type)"));

    private static IEnumerable<XElement> LegendLine(double y, string colour, bool dashed, string marker, string text)
    {
        var line = new XElement(Svg + "line",
            new XAttribute("x1", Number(LayeredLayout.Margin)), new XAttribute("y1", Number(y)),
            new XAttribute("x2", Number(LayeredLayout.Margin + 40)), new XAttribute("y2", Number(y)),
            new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"), new XAttribute("marker-end", $"url(#{marker})"));
        if (dashed) line.Add(new XAttribute("stroke-dasharray", "6 4"));
        yield return line;
        yield return new XElement(Svg + "text", new XAttribute("x", Number(LayeredLayout.Margin + 50)), new XAttribute("y", Number(y + 4)), new XAttribute("fill", "#374151"), text);
    }

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
