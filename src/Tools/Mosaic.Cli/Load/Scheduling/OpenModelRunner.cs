using System.Diagnostics;

namespace Mosaic.Cli.Load.Scheduling;

/// <summary>
/// Starts requests when the <see cref="RateProfile"/> says they are due, whether or not earlier ones
/// have answered (an open model, as real users arrive). Each request carries its due time, so its
/// latency is measured from when it should have started: a server that stalls shows its queueing in
/// the percentiles instead of silently slowing the generator down (coordinated omission). When more
/// than <see cref="MaxInFlight"/> requests are outstanding the generator itself cannot keep up, and
/// a due start is dropped and counted rather than started late.
/// </summary>
public sealed class OpenModelRunner(RateProfile profile, IArrivalHandler handler, int maxInFlight)
{
    /// <summary>How often the scheduler wakes at most; arrivals due within one tick start together.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly TaskCompletionSource _scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _started;
    private long _dropped;
    private long _inFlight;
    private long _startTimestamp;

    public RateProfile Profile { get; } = profile;

    public int MaxInFlight { get; } = maxInFlight;

    public long Started => Interlocked.Read(ref _started);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Arrivals that came due so far: started plus dropped.</summary>
    public long Due => Started + Dropped;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the run's time zero; set when <see cref="RunAsync"/> begins.</summary>
    public long StartTimestamp => Interlocked.Read(ref _startTimestamp);

    /// <summary>
    /// Schedules every arrival of the profile (or until <paramref name="cancellationToken"/> fires), then waits
    /// up to <paramref name="drainTimeout"/> for the requests still in flight. Returns how many were left unfinished.
    /// </summary>
    public async Task<long> RunAsync(TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _startTimestamp, Stopwatch.GetTimestamp());
        var scheduler = new Thread(() => Schedule(cancellationToken)) { IsBackground = true, Name = "load arrivals", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        // Awaited, not joined: a pool thread blocked for the whole run would starve a 2-core pool.
        await _scheduled.Task;
        var deadline = Stopwatch.GetTimestamp() + (long)(drainTimeout.TotalSeconds * Stopwatch.Frequency);
        while (InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(20, CancellationToken.None);
        return InFlight;
    }

    private void Schedule(CancellationToken cancellationToken)
    {
        try
        {
            var start = StartTimestamp;
            var frequency = (double)Stopwatch.Frequency;
            var tick = (long)(Tick.TotalSeconds * frequency);
            var total = Profile.TotalArrivals;
            long next = 0;
            while (next < total && !cancellationToken.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                var due = Math.Min(total, (long)Math.Floor(Profile.ArrivalsBy(TimeSpan.FromSeconds((now - start) / frequency)) + 1e-9));
                for (; next < due; next++)
                {
                    var arrival = new Arrival(next, start + (long)(Profile.DueTime(next).TotalSeconds * frequency));
                    if (Interlocked.Read(ref _inFlight) >= MaxInFlight)
                    {
                        Interlocked.Increment(ref _dropped);
                        handler.Dropped(arrival);
                        continue;
                    }
                    Interlocked.Increment(ref _inFlight);
                    Interlocked.Increment(ref _started);
                    _ = Track(handler.HandleAsync(arrival));
                }
                if (next >= total) break;
                var nextDue = start + (long)(Profile.DueTime(next).TotalSeconds * frequency);
                var woke = Stopwatch.GetTimestamp();
                // At a low rate the next arrival may be seconds away; waking every 100 ms keeps Ctrl+C prompt.
                TickClock.SleepUntil(Math.Min(Math.Max(nextDue, woke + tick), woke + 100 * tick));
            }
        }
        finally
        {
            _scheduled.TrySetResult();
        }
    }

    private async Task Track(Task request)
    {
        try
        {
            await request;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
