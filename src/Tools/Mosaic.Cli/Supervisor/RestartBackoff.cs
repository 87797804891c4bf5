namespace Mosaic.Cli.Supervisor;

/// <summary>
/// How long to wait before restarting a crashed instance: doubling from <see cref="Initial"/> up to
/// <see cref="Maximum"/>, so a service that fails at start-up does not spin, and back to the start
/// once a run lasted <see cref="StableAfter"/>, so an occasional crash is restarted at once.
/// </summary>
public sealed class RestartBackoff(TimeSpan initial, TimeSpan maximum, TimeSpan stableAfter)
{
    private int _failures;

    public static RestartBackoff Default() => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

    public TimeSpan Initial { get; } = initial;

    public TimeSpan Maximum { get; } = maximum;

    public TimeSpan StableAfter { get; } = stableAfter;

    /// <summary>The delay before the next start, given how long the run that just ended lasted.</summary>
    public TimeSpan NextDelay(TimeSpan lastRunLasted)
    {
        if (lastRunLasted >= StableAfter) _failures = 0;
        var delay = _failures >= 30
            ? Maximum
            : TimeSpan.FromTicks(Math.Min(Maximum.Ticks, Initial.Ticks * (1L << _failures)));
        _failures++;
        return delay;
    }
}
