using System.Diagnostics;
using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Cli.Tests.Load;

public class OpenModelRunnerTests
{
    private sealed class SlowHandler(TimeSpan answerAfter) : IArrivalHandler
    {
        public List<(Arrival Arrival, long StartedAt)> Handled { get; } = [];
        public List<Arrival> DroppedArrivals { get; } = [];

        public async Task HandleAsync(Arrival arrival)
        {
            lock (Handled) Handled.Add((arrival, Stopwatch.GetTimestamp()));
            await Task.Delay(answerAfter);
        }

        public void Dropped(Arrival arrival)
        {
            lock (DroppedArrivals) DroppedArrivals.Add(arrival);
        }
    }

    [Fact]
    public async Task Requests_start_on_schedule_even_when_answers_are_slower_than_the_gaps_between_them()
    {
        // 100/s for 1 s, each answer taking 300 ms: a closed loop of one would manage about 3.
        var handler = new SlowHandler(TimeSpan.FromMilliseconds(300));
        var runner = new OpenModelRunner(RateProfile.Constant(100, TimeSpan.FromSeconds(1)), handler, maxInFlight: 1_000);

        var unfinished = await runner.RunAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(0, unfinished);
        Assert.Equal(100, runner.Started);
        Assert.Equal(0, runner.Dropped);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), handler.Handled.Select(h => h.Arrival.Sequence).Order());
        // Each start is near its due time: waiting for answers (one at a time, 300 ms each) would make the
        // last one about 30 s late. The bound leaves room for a busy machine's scheduling noise.
        var late = handler.Handled.Max(h => Stopwatch.GetElapsedTime(h.Arrival.DueTimestamp, h.StartedAt));
        Assert.True(late < TimeSpan.FromSeconds(1), $"a start was {late.TotalMilliseconds:0} ms late");
    }

    [Fact]
    public async Task Starts_beyond_the_in_flight_limit_are_dropped_and_counted()
    {
        var handler = new SlowHandler(TimeSpan.FromSeconds(2));
        var runner = new OpenModelRunner(RateProfile.Constant(200, TimeSpan.FromSeconds(0.5)), handler, maxInFlight: 10);

        await runner.RunAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(10, runner.Started);
        Assert.Equal(90, runner.Dropped);
        Assert.Equal(90, handler.DroppedArrivals.Count);
        Assert.Equal(100, runner.Due);
    }
}
