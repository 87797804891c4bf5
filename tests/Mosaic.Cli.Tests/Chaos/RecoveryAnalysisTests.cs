using Mosaic.Cli.Chaos.Recovery;
using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Cli.Tests.Chaos;

public class RecoveryAnalysisTests
{
    /// <summary>A second with <paramref name="sent"/> requests: all but one at 10 ms, one at <paramref name="slowest"/> ms, and <paramref name="failed"/> errors.</summary>
    private static SecondSample Second(int second, double slowest, long failed = 0, long sent = 50, bool allSlow = false)
    {
        var latency = new LatencyHistogram();
        for (var i = 0; i < sent - failed - 1; i++) latency.Record(allSlow ? (long)(slowest * 1000) : 10_000);
        if (sent - failed > 0) latency.Record((long)(slowest * 1000));
        return new SecondSample(second, sent, failed, latency);
    }

    [Fact]
    public void Recovery_is_the_first_second_after_which_every_window_was_steady()
    {
        // Steady p99 of 12 ms (bound 62 ms); a kill at 5.2 s; errors in seconds 5-7, every answer slow in 8, fine from 9.
        var seconds = Enumerable.Range(0, 5).Select(s => Second(s, 12))
            .Append(Second(5, 30, failed: 10)).Append(Second(6, 20, failed: 50)).Append(Second(7, 400, failed: 5)).Append(Second(8, 300, allSlow: true))
            .Concat(Enumerable.Range(9, 6).Select(s => Second(s, 12)))
            .ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 5.2, faultEnd: 5.2);

        Assert.InRange(recovery.SteadyBoundMs, 60, 63);
        Assert.Equal(9 - 5.2, recovery.SecondsAfterFaultBegan!.Value, 6);
        Assert.Equal(65, recovery.ErrorsUntilRecovered);
        Assert.Equal(200, recovery.SentUntilRecovered);
    }

    [Fact]
    public void One_slow_request_in_an_otherwise_steady_second_does_not_undo_a_recovery()
    {
        var seconds = Enumerable.Range(0, 5).Select(s => Second(s, 12))
            .Append(Second(5, 12, failed: 20))
            .Concat(Enumerable.Range(6, 8).Select(s => Second(s, s == 10 ? 500 : 12)))
            .ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 5, faultEnd: 5);

        Assert.Equal(1, recovery.SecondsAfterFaultBegan);
    }

    [Fact]
    public void A_run_that_ends_unsteady_has_not_recovered()
    {
        var seconds = Enumerable.Range(0, 5).Select(s => Second(s, 12)).Append(Second(5, 12)).Append(Second(6, 12, failed: 20)).ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 5, faultEnd: 5);

        Assert.Null(recovery.SecondsAfterFaultBegan);
        Assert.Contains("not steady again", recovery.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lasting_fault_is_measured_from_its_end()
    {
        var seconds = Enumerable.Range(0, 14).Select(s => Second(s, 12, failed: s is >= 4 and < 8 ? 25 : 0)).ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 4, faultEnd: 8);

        Assert.Equal(0, recovery.SecondsAfterFaultEnded);
        Assert.Equal(4, recovery.SecondsAfterFaultBegan);
    }
}
