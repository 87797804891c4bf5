namespace Mosaic.Cli.Commands.Down;

/// <summary>How long <c>down</c> waits at each step before it escalates.</summary>
public sealed record DownBounds(TimeSpan UpExit, TimeSpan InstanceGrace, TimeSpan PollInterval, TimeProvider Time)
{
    /// <summary>
    /// <c>up</c> gives each wave of services 20 s before it kills them, so a minute covers three waves
    /// draining slowly; after that <c>down</c> stops the instances itself.
    /// </summary>
    public static DownBounds Default { get; } = new(TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), TimeProvider.System);
}
