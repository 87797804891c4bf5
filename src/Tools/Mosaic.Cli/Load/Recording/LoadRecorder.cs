using System.Diagnostics;
using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Cli.Load.Recording;

/// <summary>
/// Everything a run measured: per endpoint, per second of the run (by when each request was due), and
/// the starts the generator dropped. Thread-safe; requests complete on any thread.
/// </summary>
public sealed class LoadRecorder
{
    private readonly EndpointStats[] _endpoints;
    private readonly EndpointStats[] _seconds;
    private readonly long[] _droppedBySecond;
    private long _startTimestamp;

    public LoadRecorder(IReadOnlyList<string> endpointNames, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(endpointNames);
        _endpoints = [.. endpointNames.Select(n => new EndpointStats(n))];
        var seconds = Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));
        _seconds = [.. Enumerable.Range(0, seconds).Select(s => new EndpointStats($"{s}s"))];
        _droppedBySecond = new long[seconds];
    }

    public IReadOnlyList<EndpointStats> Endpoints => _endpoints;

    /// <summary>Every endpoint's latencies in one histogram: the run's overall percentiles.</summary>
    public LatencyHistogram AllLatencies()
    {
        var all = new LatencyHistogram();
        foreach (var endpoint in _endpoints) all.Add(endpoint.Latency);
        return all;
    }

    /// <summary>One entry per second of the run, by due time (what the latency-over-time chart plots).</summary>
    public IReadOnlyList<EndpointStats> Seconds => _seconds;

    public long DroppedIn(int second) => Interlocked.Read(ref _droppedBySecond[second]);

    public long TotalDropped => _droppedBySecond.Sum();

    /// <summary>Time zero of the run, which the per-second figures count from.</summary>
    public void StartAt(long timestamp) => Interlocked.Exchange(ref _startTimestamp, timestamp);

    public void Started(int endpoint, long dueTimestamp)
    {
        _endpoints[endpoint].Started();
        _seconds[SecondOf(dueTimestamp)].Started();
    }

    public void Completed(int endpoint, long dueTimestamp, long doneTimestamp, RequestOutcome outcome)
    {
        var micros = (long)((doneTimestamp - dueTimestamp) * 1_000_000.0 / Stopwatch.Frequency);
        _endpoints[endpoint].Completed(micros, outcome);
        _seconds[SecondOf(dueTimestamp)].Completed(micros, outcome);
    }

    public void Dropped(long dueTimestamp) => Interlocked.Increment(ref _droppedBySecond[SecondOf(dueTimestamp)]);

    private int SecondOf(long timestamp)
    {
        var second = (long)((timestamp - Interlocked.Read(ref _startTimestamp)) / (double)Stopwatch.Frequency);
        return (int)Math.Clamp(second, 0, _seconds.Length - 1);
    }
}
