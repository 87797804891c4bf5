namespace Mosaic.Cli.Commands.Demo;

/// <summary>A step of the shopper journey got an answer the journey cannot go on from.</summary>
public sealed class DemoStepFailedException : Exception
{
    public DemoStepFailedException(string message) : base(message) { }

    public DemoStepFailedException(string message, Exception inner) : base(message, inner) { }

    public DemoStepFailedException() { }
}
