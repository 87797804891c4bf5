using System.Text;

namespace Mosaic.Cli.Policies.Graph;

/// <summary>The map in Graphviz DOT: calls are solid black arrows, events dashed orange ones.</summary>
public static class DotWriter
{
    public static string Write(DependencyGraph graph)
    {
        var text = new StringBuilder("digraph policy {\n");
        text.Append("    rankdir=TB;\n");
        text.Append("    node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        text.Append("    edge [fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var node in graph.Nodes)
            text.Append(node == PolicySource.Operator ? $"    {Quote(node)} [label={Quote(node + " (operator)")}, style=\"rounded,dashed\"];\n" : $"    {Quote(node)};\n");
        foreach (var edge in graph.Edges)
            text.Append(edge.Kind == EdgeKind.Call
                ? $"    {Quote(edge.From)} -> {Quote(edge.To)} [label={Quote(edge.Label)}];\n"
                : $"    {Quote(edge.From)} -> {Quote(edge.To)} [label={Quote(edge.Label)}, style=dashed, color=\"{SvgWriter.EventColour}\", fontcolor=\"{SvgWriter.EventColour}\"];\n");
        text.Append("}\n");
        return text.ToString();
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
