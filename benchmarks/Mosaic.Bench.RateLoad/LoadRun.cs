using System.Buffers;
using System.Diagnostics;
using System.Net;

using Mosaic.Cli.Load.Histograms;
using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Bench.RateLoad;

/// <summary>
/// One open-model run: requests are due at a constant rate whether or not earlier ones have
/// answered, and each latency is measured from the time its request was due, not from when it was
/// finally written. A server that stalls therefore shows its queueing in the percentiles instead of
/// silently slowing the generator down (coordinated omission, as wrk's closed loop has).
/// </summary>
public sealed class LoadRun : IDisposable
{
    private readonly LoadOptions _options;
    private readonly HttpClient _client;
    private readonly long[] _statusCounts = new long[600];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _inFlight;
    private long _measuredIssued;
    private long _measuredOk;
    private long _measuredFailed;
    private long _warmUpFailed;
    private int _schedulingDone;
    private volatile bool _saturated;
    private string? _firstError;

    public LoadRun(LoadOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = options.Timeout };
    }

    /// <summary>From the time each request was due (the tick it belonged to) to its last body byte.</summary>
    public LatencyHistogram FromScheduled { get; } = new();

    /// <summary>From the moment the request was handed to HttpClient to its last body byte (what a closed-loop tool reports).</summary>
    public LatencyHistogram FromSent { get; } = new();

    /// <summary>How late the scheduler thread woke for each tick: the generator's own noise floor.</summary>
    public LatencyHistogram TickLateness { get; } = new();

    public long MeasuredIssued => Interlocked.Read(ref _measuredIssued);
    public long MeasuredOk => Interlocked.Read(ref _measuredOk);
    public long MeasuredFailed => Interlocked.Read(ref _measuredFailed);
    public long WarmUpFailed => Interlocked.Read(ref _warmUpFailed);
    public long Unfinished => Interlocked.Read(ref _inFlight);
    public bool Saturated => _saturated;
    public string? FirstError => Volatile.Read(ref _firstError);

    public IEnumerable<(int Status, long Count)> StatusCounts() =>
        _statusCounts.Select((count, status) => (status, count)).Where(s => s.count > 0);

    /// <summary>Opens the connection pool to its full size first, so the measured part never pays for a TCP connect.</summary>
    public async Task OpenConnectionsAsync(CancellationToken cancellationToken)
    {
        foreach (var target in _options.Targets)
        {
            var opening = Enumerable.Range(0, _options.Connections).Select(_ => FetchAsync(target, cancellationToken));
            var statuses = await Task.WhenAll(opening);
            var bad = statuses.FirstOrDefault(s => s is < 200 or > 299);
            if (bad != 0)
                throw new HttpRequestException($"{target} answered {bad} before the run started; check the URL.");
        }
    }

    public async Task RunAsync()
    {
        var scheduler = new Thread(Schedule) { IsBackground = true, Name = "arrivals", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        // Awaited, not joined: a pool thread blocked for the whole run would starve the 2-core pool.
        await _scheduled.Task;
        Volatile.Write(ref _schedulingDone, 1);
        if (Interlocked.Read(ref _inFlight) == 0) _drained.TrySetResult();
        await Task.WhenAny(_drained.Task, Task.Delay(_options.Timeout + TimeSpan.FromSeconds(1)));
    }

    /// <summary>
    /// Wakes at each tick boundary and sends every request whose due time fell in the ticks up to
    /// now, each timed from the boundary of its tick. Requests are written from this thread (the
    /// client's send path runs synchronously up to the response wait), so no thread-pool hop sits
    /// between the schedule and the socket. A dedicated thread that sleeps between ticks rather than
    /// spinning leaves the cores to the servers under test.
    /// </summary>
    private void Schedule()
    {
        var frequency = Stopwatch.Frequency;
        var tickSeconds = _options.Tick.TotalSeconds;
        var tickTimestamps = Math.Max(1, (long)(tickSeconds * frequency));
        var start = Stopwatch.GetTimestamp();
        var warmUpEnd = start + (long)(_options.WarmUp.TotalSeconds * frequency);
        var total = (long)Math.Round((_options.WarmUp + _options.Duration).TotalSeconds * _options.RatePerSecond);
        long issued = 0;
        long tick = 0;

        while (issued < total && !_saturated)
        {
            var now = Stopwatch.GetTimestamp();
            var currentTick = (now - start) / tickTimestamps;
            for (; tick <= currentTick && issued < total; tick++)
            {
                var planned = start + tick * tickTimestamps;
                var measured = planned >= warmUpEnd;
                if (measured) TickLateness.Record(Micros(now - planned));
                var due = Math.Min(total, (long)Math.Ceiling((tick + 1) * tickSeconds * _options.RatePerSecond));
                for (; issued < due; issued++)
                {
                    if (Interlocked.Increment(ref _inFlight) > _options.MaxInFlight) _saturated = true;
                    if (measured) Interlocked.Increment(ref _measuredIssued);
                    var target = _options.Targets[(int)(issued % _options.Targets.Count)];
                    _ = SendAsync(new Arrival(target, planned, measured));
                }
            }
            TickClock.SleepUntil(start + tick * tickTimestamps);
        }
        _scheduled.TrySetResult();
    }

    private async Task SendAsync(Arrival arrival)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            var status = await FetchAsync(arrival.Target, CancellationToken.None);
            var done = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _statusCounts[Math.Clamp(status, 0, _statusCounts.Length - 1)]);
            var ok = status is >= 200 and <= 299;
            if (!ok) Interlocked.CompareExchange(ref _firstError, $"HTTP {status} from {arrival.Target}", null);
            Count(arrival.Measured, ok);
            if (ok && arrival.Measured)
            {
                FromScheduled.Record(Micros(done - arrival.Scheduled));
                FromSent.Record(Micros(done - sent));
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            Interlocked.CompareExchange(ref _firstError, $"{e.GetType().Name}: {e.Message}", null);
            Count(arrival.Measured, ok: false);
        }
        finally
        {
            if (Interlocked.Decrement(ref _inFlight) == 0 && Volatile.Read(ref _schedulingDone) == 1) _drained.TrySetResult();
        }
    }

    private void Count(bool measured, bool ok)
    {
        if (measured && ok) Interlocked.Increment(ref _measuredOk);
        else if (measured) Interlocked.Increment(ref _measuredFailed);
        else if (!ok) Interlocked.Increment(ref _warmUpFailed);
    }

    /// <summary>GET to the last body byte, read into a pooled buffer; returns the status code.</summary>
    private async Task<int> FetchAsync(Uri target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
                // the body is drained, not kept: only its arrival time matters
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return (int)response.StatusCode;
    }

    private static long Micros(long timestamps) => timestamps * 1_000_000 / Stopwatch.Frequency;

    public void Dispose() => _client.Dispose();

    private readonly record struct Arrival(Uri Target, long Scheduled, bool Measured);
}
