namespace Mosaic.Cli.Supervisor;

/// <summary>How waiting for an instance to become ready ended.</summary>
public enum Readiness
{
    Ready,
    Exited,
    TimedOut,
    Cancelled,
}
