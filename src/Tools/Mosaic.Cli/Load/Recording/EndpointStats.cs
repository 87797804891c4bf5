using System.Collections.Concurrent;
using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Cli.Load.Recording;

/// <summary>What one endpoint (or one second of the run) saw: successes with their latencies, and errors by kind.</summary>
public sealed class EndpointStats(string name)
{
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _sent;
    private long _shed;

    public string Name { get; } = name;

    /// <summary>Latencies of the successful requests, from their due time to the end of the response.</summary>
    public LatencyHistogram Latency { get; } = new();

    public long Sent => Interlocked.Read(ref _sent);

    public long Succeeded => Latency.Count;

    public long Failed => _errors.Values.Sum();

    /// <summary>Errors that were load shedding: 429 or 503 with a Retry-After.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    public IReadOnlyDictionary<string, long> ErrorsByKind => new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public void Started() => Interlocked.Increment(ref _sent);

    public void Completed(long latencyMicros, RequestOutcome outcome)
    {
        if (outcome.Ok)
        {
            Latency.Record(latencyMicros);
            return;
        }
        _errors.AddOrUpdate(outcome.ErrorKind ?? "error", 1, (_, n) => n + 1);
        if (outcome.Shed) Interlocked.Increment(ref _shed);
    }
}
