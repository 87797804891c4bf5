using Mosaic.Bench.Messaging.Reporting;

namespace Mosaic.Bench.Messaging.Publisher;

/// <summary>
/// What the publisher did. <see cref="MeasuredFromUnixMs"/>..<see cref="MeasuredToUnixMs"/> is the
/// measured stretch after the warm-up, which the consumer's throughput is counted over.
/// <see cref="Commit"/> is the time of each SaveChangesAsync; <see cref="Lateness"/> (rate mode) how
/// long after its due time an event's transaction began.
/// </summary>
public sealed record LoadResult(
    LoadRequest Request,
    long Published,
    long MeasuredPublished,
    long Transactions,
    long Failed,
    string? FirstError,
    bool Saturated,
    long MeasuredFromUnixMs,
    long MeasuredToUnixMs,
    double PublishedPerSecond,
    LatencySummary Commit,
    LatencySummary Lateness);
