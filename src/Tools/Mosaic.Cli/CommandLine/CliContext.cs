using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.CommandLine;

/// <summary>
/// What every command needs from outside: where to write, how to find the checkout, and the
/// environment variables it was started with (the same ones <c>up</c> hands down to the services),
/// and standard input, for the few commands that read a value from it.
/// </summary>
public sealed class CliContext(ConsoleOutput output, Func<string> findRoot, Func<string, string?>? environmentVariable = null, Func<TextReader>? input = null)
{
    private readonly Func<string, string?> environmentVariable = environmentVariable ?? System.Environment.GetEnvironmentVariable;

    private readonly Func<TextReader> input = input ?? (() => Console.In);

    public ConsoleOutput Output { get; } = output;

    public MosaicWorkspace Workspace(string environment) => new(findRoot(), environment);

    public string? EnvironmentVariable(string name) => environmentVariable(name);

    public TextReader Input => input();
}
