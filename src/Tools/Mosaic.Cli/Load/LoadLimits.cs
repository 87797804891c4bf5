namespace Mosaic.Cli.Load;

/// <summary>The generator's bounds: a load run is a bounded experiment on one machine, not a flood.</summary>
public static class LoadLimits
{
    public const double MaxRate = 20_000;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Requests outstanding at once before due starts are dropped (the generator cannot keep up).</summary>
    public const int DefaultMaxInFlight = 2_000;

    /// <summary>How long one request may take before it counts as a timeout.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
}
