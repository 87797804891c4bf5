namespace Mosaic.Cli.Policies.Graph;

/// <summary>The edges of one kind from one node to another, drawn as one arrow with their labels stacked.</summary>
public sealed record EdgeBundle(string From, string To, EdgeKind Kind, IReadOnlyList<string> Labels)
{
    public static IReadOnlyList<EdgeBundle> Of(DependencyGraph graph) =>
        graph.Edges
            .Where(e => e.From != e.To)
            .GroupBy(e => (e.From, e.To, e.Kind))
            .Select(g => new EdgeBundle(g.Key.From, g.Key.To, g.Key.Kind, g.Select(e => e.Label).ToList()))
            .ToList();
}
