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
            Description = "mermaid (text for Markdown), dot (Graphviz) or svg (a picture laid out here, no tool needed).",
            DefaultValueFactory = _ => "mermaid",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot", "svg");
        var file = new Option<string>("--output", "-o") { Description = "Write to this file instead of the terminal.", HelpName = "file" };
        var command = new Command("graph", "Draw who may call whom (solid arrows) and which events go from publishers to consumers (dashed arrows).") { policy, format, file };
        command.SetAction(parse => Run(context.Workspace(SharedOptions.DefaultEnvironment), context.Output, parse.GetValue(policy), parse.GetValue(format)!, parse.GetValue(file)));
        return command;
    }

    private static int Run(MosaicWorkspace workspace, ConsoleOutput output, string? policyOption, string format, string? file)
    {
        var policy = PolicySource.Load(workspace, PolicySource.Resolve(workspace, policyOption));
        var graph = DependencyGraph.From(policy, workspace.LoadManifest().Services.Keys);
        var text = format switch
        {
            "dot" => DotWriter.Write(graph),
            "svg" => SvgWriter.Write(graph),
            _ => MermaidWriter.Write(graph),
        };
        if (file is null)
        {
            output.Line(text.TrimEnd('\n'));
            return ExitCodes.Success;
        }
        var path = Path.GetFullPath(file);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"The graph could not be written to {path}: {e.Message}", e);
        }
        output.Success($"Wrote the {format} graph of {policy.Path} ({graph.Nodes.Count} services, {graph.Edges.Count} edges) to {workspace.Display(path)}.");
        return ExitCodes.Success;
    }
}
