using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies;
using Mosaic.Cli.Policies.Graph;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Policy;

/// <summary><c>mosaic policy graph</c>: the dependency map the policy implies, as Mermaid, DOT or an SVG picture.</summary>
internal static class PolicyGraphCommand
{
    public static Command Create(CliContext context)
    {
        var policy = PolicyOptions.Policy();
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (text for Markdown), dot (Graphviz), svg (a picture laid out here, no tool needed) or png (needs --output, and rsvg-convert or dot).",
            DefaultValueFactory = _ => "mermaid",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot", "svg", "png");
        var file = new Option<string>("--output", "-o") { Description = "Write to this file instead of the terminal.", HelpName = "file" };
        var command = new Command("graph", "Draw who may call whom (solid arrows) and which events go from publishers to consumers (dashed arrows).") { policy, format, file };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context.Workspace(SharedOptions.DefaultEnvironment), context.Output, parse.GetValue(policy), parse.GetValue(format)!, parse.GetValue(file), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, string? policyOption, string format, string? file, CancellationToken cancellationToken)
    {
        if (format == "png" && file is null) throw new CliException("A PNG is a picture for a file: add --output FILE.png (or use --format svg or mermaid for the terminal).");
        var policy = PolicySource.Load(workspace, PolicySource.Resolve(workspace, policyOption));
        var graph = DependencyGraph.From(policy, workspace.LoadManifest().Services.Keys);
        if (file is null)
        {
            output.Line(Text(graph, format).TrimEnd('\n'));
            return ExitCodes.Success;
        }
        var path = Path.GetFullPath(file);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (format == "png") await PngRenderer.RenderAsync(graph, path, cancellationToken);
            else await File.WriteAllTextAsync(path, Text(graph, format), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"The graph could not be written to {path}: {e.Message}", e);
        }
        output.Success($"Wrote the {format} graph of {policy.Path} ({graph.Nodes.Count} services, {graph.Edges.Count} edges) to {workspace.Display(path)}.");
        return ExitCodes.Success;
    }

    private static string Text(DependencyGraph graph, string format) => format switch
    {
        "dot" => DotWriter.Write(graph),
        "svg" => SvgWriter.Write(graph),
        _ => MermaidWriter.Write(graph),
    };
}
