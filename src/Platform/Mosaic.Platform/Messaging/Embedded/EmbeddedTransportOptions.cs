namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>Where the embedded transport keeps its queues, and how often an idle consumer looks for work.</summary>
public sealed record EmbeddedTransportOptions
{
    /// <summary>The SQLite file every process on this host shares; its folder is created if missing.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// How long an idle consumer waits before looking again when the bus doorbell (beside the bus file)
    /// cannot be watched. Publishes in the same process wake it at once; this bounds the latency of
    /// messages published by other processes.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// The same when the doorbell is watched: a process that publishes, redrives or retries at once rings
    /// it and wakes consumers at once, so this only bounds how late a retry whose delay ran out, a lease
    /// that expired, or a message from a process that could not ring, is noticed.
    /// </summary>
    public TimeSpan WatchedPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);
}
