using System.Diagnostics;
using Mosaic.Cli.Load.Histograms;
using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Bench.Orders;

/// <summary>
/// Places orders at a constant rate whatever the system does (open model): a dedicated thread wakes at
/// each 1 ms tick and sends every order due by then, each from the next customer in turn, one unit of
/// the next product in turn, with a fresh Idempotency-Key.
/// </summary>
public sealed class OrderPlacer(Shop shop, OrderOptions options, IReadOnlyList<string> tokens, IReadOnlyList<Guid> products)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly List<PlacedOrder> orders = [];
    private readonly List<Task> sends = [];
    private long inFlight;

    public IReadOnlyList<PlacedOrder> Orders => orders;

    /// <summary>More than ten seconds' worth of orders unanswered: the system cannot take this rate.</summary>
    public bool Saturated { get; private set; }

    public LatencyHistogram TickLateness { get; } = new();

    public async Task RunAsync()
    {
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            Schedule();
            scheduled.TrySetResult();
        }) { IsBackground = true, Name = "arrivals", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await scheduled.Task;
        await Task.WhenAll(sends);
    }

    private void Schedule()
    {
        var frequency = Stopwatch.Frequency;
        var tickTimestamps = Math.Max(1, (long)(Tick.TotalSeconds * frequency));
        var startWall = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        var warmUpEnd = start + (long)(options.WarmUp.TotalSeconds * frequency);
        var total = (long)Math.Round((options.WarmUp + options.Duration).TotalSeconds * options.Rate);
        var maxInFlight = (long)Math.Max(100, options.Rate * 10);
        long issued = 0, tick = 0;
        while (issued < total && !Saturated)
        {
            var now = Stopwatch.GetTimestamp();
            var currentTick = (now - start) / tickTimestamps;
            for (; tick <= currentTick && issued < total; tick++)
            {
                var planned = start + tick * tickTimestamps;
                var measured = planned >= warmUpEnd;
                if (measured) TickLateness.Record((now - planned) * 1_000_000 / frequency);
                var due = Math.Min(total, (long)Math.Ceiling((tick + 1) * Tick.TotalSeconds * options.Rate));
                for (; issued < due; issued++)
                {
                    if (Interlocked.Increment(ref inFlight) > maxInFlight) Saturated = true;
                    var order = new PlacedOrder((int)issued, (int)(issued % tokens.Count), measured, startWall + Stopwatch.GetElapsedTime(start, planned));
                    orders.Add(order);
                    sends.Add(SendAsync(order, planned));
                }
            }
            TickClock.SleepUntil(start + tick * tickTimestamps);
        }
    }

    private async Task SendAsync(PlacedOrder order, long planned)
    {
        // Off the scheduler thread at once: building the request and its JSON is not the scheduler's work.
        await Task.Yield();
        try
        {
            var (status, id, error) = await shop.PlaceAsync(tokens[order.Customer], products[order.Index % products.Count], Guid.NewGuid().ToString("N"), CancellationToken.None);
            order.Status = status;
            order.Id = id;
            order.Error = error;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            order.Error = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            order.PostMicros = (Stopwatch.GetTimestamp() - planned) * 1_000_000 / Stopwatch.Frequency;
            Interlocked.Decrement(ref inFlight);
        }
    }
}
