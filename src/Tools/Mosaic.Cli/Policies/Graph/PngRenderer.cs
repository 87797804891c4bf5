using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Policies.Graph;

/// <summary>
/// The map as a PNG, through a converter found on the PATH: rsvg-convert draws the same picture as the SVG;
/// without it, Graphviz's dot lays out the DOT text its own way. Neither is needed by anything else.
/// </summary>
public static class PngRenderer
{
    public static async Task RenderAsync(DependencyGraph graph, string target, CancellationToken cancellationToken)
    {
        var tool = ExecutableSearch.OnPath("rsvg-convert") is { } rsvg
            ? new ServerTool(rsvg, ["--format", "png", "--output", target]) { StandardInput = SvgWriter.Write(graph) }
            : ExecutableSearch.OnPath("dot") is { } dot
                ? new ServerTool(dot, ["-Tpng", "-o", target]) { StandardInput = DotWriter.Write(graph) }
                : throw new CliException("A PNG needs rsvg-convert (apt-get install librsvg2-bin) or Graphviz's dot (apt-get install graphviz) on the PATH; --format svg needs neither.");
        var result = await tool.RunAsync(cancellationToken);
        if (!result.Succeeded) throw new CliException($"{tool.Name} could not draw the PNG: {result.LastLine}");
    }
}
