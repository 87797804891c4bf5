using Mosaic.Cli.Chaos.Recovery;
using Mosaic.Cli.Load.Reports;

namespace Mosaic.Cli.Tests.Chaos;

public class RecoveryAnalysisTests
{
    private static SecondReport Second(int second, double p99, long failed = 0, long sent = 50) =>
        new(second, 50, sent, sent - failed, failed, 0, p99 / 2, p99, p99);

    [Fact]
    public void Recovery_is_the_first_second_after_which_every_second_was_steady()
    {
        // Steady p99 of 20 ms; a kill at 5.2 s; errors in seconds 5-7, a slow second 8, steady from 9.
        var seconds = Enumerable.Range(0, 5).Select(s => Second(s, 20))
            .Append(Second(5, 30, failed: 10)).Append(Second(6, 20, failed: 50)).Append(Second(7, 400, failed: 5)).Append(Second(8, 300))
            .Concat(Enumerable.Range(9, 6).Select(s => Second(s, 25)))
            .ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 5.2, faultEnd: 5.2);

        Assert.Equal(20, recovery.SteadyP99Ms);
        Assert.Equal(70, recovery.SteadyBoundMs);
        Assert.Equal(9 - 5.2, recovery.SecondsAfterFaultBegan!.Value, 6);
        Assert.Equal(65, recovery.ErrorsUntilRecovered);
        Assert.Equal(200, recovery.SentUntilRecovered);
    }

    [Fact]
    public void A_run_that_ends_unsteady_has_not_recovered()
    {
        var seconds = Enumerable.Range(0, 5).Select(s => Second(s, 20)).Append(Second(5, 20)).Append(Second(6, 20, failed: 20)).ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 5, faultEnd: 5);

        Assert.Null(recovery.SecondsAfterFaultBegan);
        Assert.Contains("not steady again", recovery.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_lasting_fault_is_measured_from_its_end()
    {
        var seconds = Enumerable.Range(0, 12).Select(s => Second(s, s is >= 4 and < 8 ? 500 : 20)).ToList();

        var recovery = RecoveryAnalysis.Analyse(seconds, faultStart: 4, faultEnd: 8);

        Assert.Equal(0, recovery.SecondsAfterFaultEnded);
        Assert.Equal(4, recovery.SecondsAfterFaultBegan);
    }
}
