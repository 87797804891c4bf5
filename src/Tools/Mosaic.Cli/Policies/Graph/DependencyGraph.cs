using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Graph;

public enum EdgeKind
{
    /// <summary>An HTTP call the policy allows.</summary>
    Call,

    /// <summary>An event one service publishes and another may consume.</summary>
    Event,
}

/// <summary>One arrow of the map: a call (labelled with the paths it reaches) or an event (labelled with its type).</summary>
public sealed record GraphEdge(string From, string To, EdgeKind Kind, string Label);

/// <summary>
/// The service dependency map the policy implies: every service of the manifest and every other principal the
/// policy names, an edge per "from → to" call rule, and an edge per event type from each publisher to each consumer.
/// </summary>
public sealed record DependencyGraph(IReadOnlyList<string> Nodes, IReadOnlyList<GraphEdge> Edges)
{
    public static DependencyGraph From(PolicyDocument policy, IEnumerable<string> manifestServices)
    {
        var calls = policy.Calls
            .GroupBy(rule => (rule.From, rule.To))
            .Select(pair => new GraphEdge(pair.Key.From, pair.Key.To, EdgeKind.Call, PathsOf(pair.SelectMany(rule => rule.Allow))));
        var events = policy.Events.SelectMany(rule =>
            rule.Publishers.SelectMany(publisher => rule.Consumers.Select(consumer => new GraphEdge(publisher, consumer, EdgeKind.Event, rule.Type))));
        var edges = calls.Concat(events).Distinct().ToList();
        var nodes = manifestServices
            .Concat(edges.SelectMany(edge => (string[])[edge.From, edge.To]))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new DependencyGraph(nodes, edges);
    }

    /// <summary>"/products, /categories": the first segment of each path, which says what is reached without listing every route.</summary>
    private static string PathsOf(IEnumerable<OperationPattern> operations) =>
        string.Join(", ", operations
            .Select(operation => "/" + (operation.Path.Segments.Select(s => s.Text).FirstOrDefault() ?? ""))
            .Distinct(StringComparer.OrdinalIgnoreCase));
}
