using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.CommandLine;

/// <summary>What every command needs from outside: where to write, and how to find the checkout.</summary>
public sealed class CliContext(ConsoleOutput output, Func<string> findRoot)
{
    public ConsoleOutput Output { get; } = output;

    public MosaicWorkspace Workspace(string environment) => new(findRoot(), environment);
}
