using System.Xml.Linq;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Tests.Policies;

public class PolicyGraphCommandTests
{
    private static readonly PolicyDocument Committed = PolicyParser.Load(Path.Combine(CheckoutRoot.Path, "policies", "policy.yaml"));

    private static IEnumerable<(string From, string To)> CallPairs => Committed.Calls.Select(c => (c.From, c.To)).Distinct();

    private static IEnumerable<(string From, string To, string Type)> EventEdges =>
        Committed.Events.SelectMany(e => e.Publishers.SelectMany(p => e.Consumers.Select(c => (p, c, e.Type))));

    [Fact]
    public async Task The_mermaid_graph_has_a_solid_arrow_per_call_and_a_dotted_one_per_event()
    {
        var mermaid = await GraphAsync("mermaid");

        Assert.StartsWith("flowchart TD", mermaid, StringComparison.Ordinal);
        foreach (var (from, to) in CallPairs)
            Assert.Matches($@"\n    {Id(from)} -->\|""[^""]+""\| {Id(to)}\n", mermaid);
        foreach (var (from, to, type) in EventEdges)
            Assert.Contains($"\n    {Id(from)} -.->|\"{type}\"| {Id(to)}\n", mermaid, StringComparison.Ordinal);
        Assert.Equal(CallPairs.Count() + EventEdges.Count(), mermaid.Split('\n').Count(l => l.Contains("->|", StringComparison.Ordinal)));
        Assert.Contains("mosaic([\"mosaic (operator)\"])", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dot_graph_has_every_edge()
    {
        var dot = await GraphAsync("dot");

        Assert.StartsWith("digraph policy {", dot, StringComparison.Ordinal);
        foreach (var (from, to) in CallPairs)
            Assert.Matches($@"""{from}"" -> ""{to}"" \[label=""[^""]+""\];", dot);
        foreach (var (from, to, type) in EventEdges)
            Assert.Contains($"\"{from}\" -> \"{to}\" [label=\"{type}\", style=dashed", dot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_svg_picture_is_well_formed_and_draws_every_service_call_and_event()
    {
        using var checkout = TempWorkspace.OfCheckout();
        var file = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.svg");
        try
        {
            Assert.Equal(ExitCodes.Success, await checkout.RunAsync("policy", "graph", "--format", "svg", "--output", file));

            var svg = XDocument.Load(file).Root!;
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", svg.Name);
            var services = svg.Descendants(ns + "g").Where(g => (string?)g.Attribute("class") == "service").Select(g => (string)g.Attribute("id")!).ToList();
            Assert.Equal(checkout.Manifest.Services.Keys.Append("mosaic").Select(s => $"service-{s}").Order(), services.Order());
            var arrows = svg.Descendants(ns + "polyline").Select(p => (Class: (string)p.Attribute("class")!, Title: p.Element(ns + "title")!.Value)).ToList();
            foreach (var (from, to) in CallPairs)
                Assert.Contains(arrows, a => a.Class == "call" && a.Title.StartsWith($"{from} -> {to}: ", StringComparison.Ordinal));
            foreach (var (from, to, type) in EventEdges)
                Assert.Contains(arrows, a => a.Class == "event" && a.Title.StartsWith($"{from} -> {to}: ", StringComparison.Ordinal) && a.Title.Contains(type, StringComparison.Ordinal));
            var labels = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
            foreach (var (_, _, type) in EventEdges) Assert.Contains(type, labels);
            Assert.All(svg.Descendants(ns + "polyline").Where(p => (string?)p.Attribute("class") == "event"), p => Assert.NotNull(p.Attribute("stroke-dasharray")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error_and_a_png_needs_a_file()
    {
        using var checkout = TempWorkspace.OfCheckout();

        Assert.Equal(ExitCodes.Usage, await checkout.RunAsync("policy", "graph", "--format", "gif"));
        Assert.Equal(ExitCodes.Failure, await checkout.RunAsync("policy", "graph", "--format", "png"));
        Assert.Contains("A PNG is a picture for a file: add --output FILE.png", checkout.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_png_is_drawn_when_a_converter_is_installed()
    {
        if (ExecutableSearch.OnPath("rsvg-convert") is null && ExecutableSearch.OnPath("dot") is null)
            Assert.Skip("Neither rsvg-convert nor Graphviz's dot is installed, and a PNG needs one of them.");
        using var checkout = TempWorkspace.OfCheckout();
        var file = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.png");
        try
        {
            Assert.Equal(ExitCodes.Success, await checkout.RunAsync("policy", "graph", "--format", "png", "--output", file));
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.Take(4));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> GraphAsync(string format)
    {
        using var checkout = TempWorkspace.OfCheckout();
        Assert.Equal(ExitCodes.Success, await checkout.RunAsync("policy", "graph", "--format", format));
        return checkout.Out.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Id(string service) => service.Replace('-', '_');
}
