namespace Mosaic.Cli.CommandLine;

/// <summary>
/// A failure the user can act on. Its message is one sentence saying what happened and what to do;
/// it is printed as is, without a stack trace.
/// </summary>
public sealed class CliException : Exception
{
    public CliException(string message) : base(message) { }

    public CliException(string message, Exception inner) : base(message, inner) { }

    public CliException() { }
}
