namespace Mosaic.Bench.Messaging.Publisher;

/// <summary>
/// One load run. <c>throughput</c>: <see cref="Writers"/> loops commit <see cref="Batch"/> events per
/// transaction back to back. <c>rate</c>: events are due at a constant <see cref="Rate"/>, one per
/// transaction, taken by <see cref="Writers"/> concurrent writers (one writer alone could not keep a
/// schedule once a commit takes longer than the gap between events).
/// </summary>
public sealed record LoadRequest
{
    public string Run { get; init; } = "";
    public string Mode { get; init; } = "throughput";
    public double Rate { get; init; } = 1000;
    public int Batch { get; init; } = 20;
    public int Writers { get; init; } = 1;
    public double DurationSeconds { get; init; } = 30;
    public double WarmupSeconds { get; init; } = 5;
    public int PayloadBytes { get; init; } = 256;

    public bool IsRate => Mode == "rate";

    /// <summary>The first thing wrong with the request, or null.</summary>
    public string? Problem() => this switch
    {
        { Run.Length: < 1 or > 50 } => "run: 1 to 50 characters",
        { Mode: not ("throughput" or "rate") } => "mode: throughput or rate",
        { Rate: <= 0 or > 100_000 } => "rate: above 0, at most 100000 events/s",
        { Batch: < 1 or > 1000 } => "batch: 1 to 1000 events per transaction",
        { Writers: < 1 or > 64 } => "writers: 1 to 64",
        { DurationSeconds: <= 0 or > 3600 } => "durationSeconds: above 0, at most 3600",
        { WarmupSeconds: < 0 or > 600 } => "warmupSeconds: 0 to 600",
        { PayloadBytes: < 0 or > 65536 } => "payloadBytes: 0 to 65536",
        _ => null,
    };
}
