using System.Text;

namespace Mosaic.Cli.Policies.Graph;

/// <summary>The map as a Mermaid flowchart: calls are solid arrows, events dotted ones, the operator a rounded node.</summary>
public static class MermaidWriter
{
    public static string Write(DependencyGraph graph)
    {
        var text = new StringBuilder("flowchart TD\n");
        foreach (var node in graph.Nodes)
            text.Append(node == PolicySource.Operator ? $"    {Id(node)}([\"{node} (operator)\"])\n" : $"    {Id(node)}[\"{node}\"]\n");
        foreach (var edge in graph.Edges)
            text.Append(edge.Kind == EdgeKind.Call
                ? $"    {Id(edge.From)} -->|\"{edge.Label}\"| {Id(edge.To)}\n"
                : $"    {Id(edge.From)} -.->|\"{edge.Label}\"| {Id(edge.To)}\n");
        return text.ToString();
    }

    /// <summary>Mermaid reads '-' as part of an arrow: node ids use '_' and show the real name as their label.</summary>
    private static string Id(string node) => node.Replace('-', '_');
}
