using System.Runtime.InteropServices;
using Mosaic.Cli.Load.Histograms;
using Mosaic.Cli.Load.Recording;
using Mosaic.Cli.Load.Sampling;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Cli.Load.Shop;

namespace Mosaic.Cli.Load.Reports;

/// <summary>Turns a run's raw measurements into the report's figures.</summary>
public static class LoadReportBuilder
{
    public static LoadReport Build(
        string scenario, Uri gateway, DateTimeOffset startedAt, LoadRunResult run, long setupRequests,
        IReadOnlyList<SettledOrder>? orders, KneeReport? knee)
    {
        ArgumentNullException.ThrowIfNull(run);
        var recorder = run.Recorder;
        var seconds = Math.Max(run.Profile.Duration.TotalSeconds, 0.001);
        var all = recorder.AllLatencies();
        var succeeded = recorder.Endpoints.Sum(e => e.Succeeded);
        var failed = recorder.Endpoints.Sum(e => e.Failed);
        var answered = succeeded + failed;
        var totals = new LoadTotals(
            run.Due, run.Started, succeeded, failed, recorder.Endpoints.Sum(e => e.Shed), run.Dropped, run.Unfinished,
            Round(run.Due / seconds), Round(run.Started / seconds), Round(succeeded / seconds), Rate(failed, answered));

        var errors = recorder.Endpoints.SelectMany(e => e.ErrorsByKind)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);

        var endpoints = recorder.Endpoints.Select(e => new EndpointReport(
            e.Name, e.Sent, e.Succeeded, e.Failed, Rate(e.Failed, e.Succeeded + e.Failed), e.ErrorsByKind, LatencySummary.Of(e.Latency))).ToList();

        var perSecond = recorder.Seconds.Select((s, i) =>
        {
            var offered = run.Profile.ArrivalsBy(TimeSpan.FromSeconds(i + 1)) - run.Profile.ArrivalsBy(TimeSpan.FromSeconds(i));
            return new SecondReport(i, Round(offered), s.Sent, s.Succeeded, s.Failed, recorder.DroppedIn(i),
                Ms(s.Latency.PercentileMicros(50)), Ms(s.Latency.PercentileMicros(99)), Ms(s.Latency.MaxMicros));
        }).ToList();

        return new LoadReport(
            scenario, gateway.ToString().TrimEnd('/'), startedAt, Round(run.Elapsed.TotalSeconds), Phases(run), totals, LatencySummary.Of(all),
            errors, endpoints, perSecond, orders is null ? null : Orders(orders), setupRequests, knee, MachineDescription());
    }

    /// <summary>Each phase's figures, merged from the seconds it spans, with each service's CPU and latency during it.</summary>
    public static IReadOnlyList<PhaseReport> Phases(LoadRunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. Enumerable.Range(0, run.Profile.Phases.Count)
            .Select(i => Phase(run.Profile, run.Recorder, i, i < run.PhaseLoads.Count ? run.PhaseLoads[i] : null))];
    }

    public static PhaseReport Phase(RateProfile profile, LoadRecorder recorder, int index, IReadOnlyDictionary<string, ServiceLoad>? loads)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(recorder);
        var phase = profile.Phases[index];
        var first = (int)Math.Round(profile.StartOf(index).TotalSeconds);
        var last = (int)Math.Round((profile.StartOf(index) + phase.Duration).TotalSeconds);
        var latency = new LatencyHistogram();
        long sent = 0, failed = 0;
        for (var s = first; s < last && s < recorder.Seconds.Count; s++)
        {
            var second = recorder.Seconds[s];
            latency.Add(second.Latency);
            sent += second.Sent;
            failed += second.Failed;
        }
        var services = loads is null
            ? []
            : loads.Values.OrderBy(l => l.Service, StringComparer.Ordinal)
                .Select(l => new ServicePhaseReport(l.Service, Math.Round(l.CpuCores, 3), Math.Round(l.MeanLatencyMs, 3), Round(l.RequestsPerSecond))).ToList();
        return new PhaseReport(index + 1, phase.StartRate, phase.EndRate, phase.Duration.TotalSeconds, sent, latency.Count, failed,
            Round(latency.Count / Math.Max(phase.Duration.TotalSeconds, 0.001)), Rate(failed, latency.Count + failed), LatencySummary.Of(latency), services);
    }

    public static OrdersReport Orders(IReadOnlyList<SettledOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var completion = new LatencyHistogram();
        foreach (var order in orders)
            if (order.Completion is { } took) completion.Record((long)took.TotalMicroseconds);
        return new OrdersReport(
            orders.Count,
            orders.LongCount(o => o.Status == "Confirmed"),
            orders.LongCount(o => o.Status == "Cancelled"),
            orders.LongCount(o => !o.IsTerminal),
            orders.Where(o => o.Status == "Cancelled").GroupBy(o => o.Reason ?? "unknown", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal),
            LatencySummary.Of(completion));
    }

    public static string MachineDescription()
    {
        string cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // not Linux: the processor count and OS still say something
        }
        return $"{Environment.ProcessorCount} x {cpu}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 6);

    private static double Round(double value) => Math.Round(value, 2);

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
