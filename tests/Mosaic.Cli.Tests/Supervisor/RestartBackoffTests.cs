using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Tests.Supervisor;

public class RestartBackoffTests
{
    private static readonly TimeSpan Instantly = TimeSpan.Zero;

    [Fact]
    public void Repeated_crashes_wait_twice_as_long_each_time_up_to_the_cap()
    {
        var backoff = RestartBackoff.Default();

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(Instantly).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void A_run_that_lasted_resets_the_wait()
    {
        var backoff = RestartBackoff.Default();
        for (var i = 0; i < 5; i++) backoff.NextDelay(Instantly);

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(backoff.StableAfter));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.NextDelay(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Many_crashes_never_overflow_the_cap()
    {
        var backoff = RestartBackoff.Default();

        for (var i = 0; i < 100; i++) Assert.InRange(backoff.NextDelay(Instantly), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }
}
