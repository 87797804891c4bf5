using Mosaic.Cli.Commands.Load;
using Mosaic.Cli.Load.Knee;
using Mosaic.Cli.Load.Reports;

namespace Mosaic.Cli.Tests.Load;

public class KneeTests
{
    private static PhaseReport Step(int index, double rate, double p99, long failed, params (string Service, double Cpu, double Latency)[] services) =>
        new(index, rate, rate, 10, 1000, 1000 - failed, failed, rate, failed / 1000.0,
            new LatencySummary(1000 - failed, p99 / 4, p99 / 2, p99, p99, p99, p99 / 4),
            [.. services.Select(s => new ServicePhaseReport(s.Service, s.Cpu, s.Latency, rate))]);

    [Fact]
    public void The_knee_is_the_last_step_before_the_objective_broke_and_the_bottleneck_the_service_whose_latency_rose_first()
    {
        var steps = new[]
        {
            Step(1, 100, 20, 0, ("catalog", 0.2, 1.0), ("orders", 0.1, 2.0), ("gateway", 0.3, 0.5)),
            Step(2, 200, 40, 0, ("catalog", 0.4, 1.2), ("orders", 0.3, 5.0), ("gateway", 0.5, 0.6)),
            Step(3, 300, 180, 0, ("catalog", 0.6, 3.0), ("orders", 0.6, 30.0), ("gateway", 0.7, 0.8)),
        };

        var knee = LoadCommand.Knee(ServiceLevelObjective.Default, steps);

        Assert.Equal(200, knee.KneeRate);
        Assert.Equal(300, knee.FirstFailingRate);
        Assert.Contains("p99 180 ms > 100 ms", knee.FailedBecause, StringComparison.Ordinal);
        Assert.Equal("orders", knee.Bottleneck);
    }

    [Fact]
    public void Of_two_services_whose_latency_rose_at_the_same_step_the_one_that_grew_most_is_named()
    {
        var steps = new[]
        {
            Step(1, 100, 20, 0, ("catalog", 0.4, 1.7), ("orders", 0.3, 4.5)),
            Step(2, 200, 300, 0, ("catalog", 0.6, 4.7), ("orders", 0.4, 36.0)),
        };

        Assert.Equal("orders", LoadCommand.Knee(ServiceLevelObjective.Default, steps).Bottleneck);
    }

    [Fact]
    public void Errors_alone_break_the_objective()
    {
        var slo = ServiceLevelObjective.Default;

        Assert.Null(slo.Breach(Step(1, 100, 20, 0)));
        Assert.Contains("errors", slo.Breach(Step(1, 100, 20, 5)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_latency_rise_the_busiest_service_is_named()
    {
        var steps = new[]
        {
            Step(1, 100, 20, 0, ("catalog", 0.2, 1.0), ("gateway", 0.9, 0.5)),
            Step(2, 200, 400, 0, ("catalog", 0.3, 1.2), ("gateway", 1.6, 0.6)),
        };

        var knee = LoadCommand.Knee(ServiceLevelObjective.Default, steps);

        Assert.Equal(100, knee.KneeRate);
        Assert.Equal("gateway", knee.Bottleneck);
        Assert.Contains("most CPU", knee.BottleneckReason, StringComparison.Ordinal);
    }
}
