using System.Xml.Linq;
using Mosaic.Cli.Policies.Graph;

namespace Mosaic.Cli.Tests.Policies;

public class GraphLayoutTests
{
    [Fact]
    public void Callers_sit_above_what_they_call_and_no_two_boxes_overlap()
    {
        var graph = new DependencyGraph(
            ["identity", "catalog", "orders", "gateway", "payments"],
            [
                new("gateway", "catalog", EdgeKind.Call, "/products"),
                new("gateway", "orders", EdgeKind.Call, "/orders"),
                new("orders", "catalog", EdgeKind.Call, "/products"),
                new("catalog", "identity", EdgeKind.Call, "/.well-known"),
                new("gateway", "identity", EdgeKind.Call, "/login"),
                new("orders", "payments", EdgeKind.Event, "orders.payment-requested"),
                new("payments", "orders", EdgeKind.Event, "payments.payment-succeeded"),
            ]);

        var layout = LayeredLayout.Place(graph);

        var box = layout.Boxes.ToDictionary(b => b.Name);
        Assert.True(box["gateway"].Y < box["orders"].Y);
        Assert.True(box["orders"].Y < box["catalog"].Y);
        Assert.True(box["catalog"].Y < box["identity"].Y);
        foreach (var a in layout.Boxes)
            foreach (var b in layout.Boxes.Where(b => b != a))
                Assert.False(a.Left < b.Left + b.Width && b.Left < a.Left + a.Width && a.Top < b.Top + b.Height && b.Top < a.Top + a.Height, $"{a.Name} overlaps {b.Name}");
        Assert.Equal(graph.Edges.Count, layout.Routes.Count);
        Assert.All(layout.Routes, route => Assert.True(route.Points.Count >= 2));
    }

    [Fact]
    public void A_cycle_of_calls_and_events_between_neighbours_still_make_a_picture()
    {
        var graph = new DependencyGraph(
            ["a", "b", "c"],
            [
                new("a", "b", EdgeKind.Call, "/x"),
                new("b", "a", EdgeKind.Call, "/y"),
                new("c", "a", EdgeKind.Event, "a.thing-happened"),
                new("a", "c", EdgeKind.Event, "c.thing-happened"),
            ]);

        var svg = XDocument.Parse(SvgWriter.Write(graph)).Root!;

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(4, svg.Descendants(ns + "polyline").Count());
        Assert.Equal(3, svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "service"));
    }
}
