using System.Globalization;

using Mosaic.Cli.Load.Histograms;
using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Bench.RateLoad;

/// <summary>Human-readable lines first, then one <c>RESULT key=value ...</c> line for scripts to parse.</summary>
public static class RunReport
{
    private static readonly double[] Percentiles = [50, 90, 99, 99.9];

    public static void Write(TextWriter output, LoadOptions options, LoadRun run)
    {
        var inv = CultureInfo.InvariantCulture;
        var achieved = run.MeasuredOk / options.Duration.TotalSeconds;
        output.WriteLine(string.Create(inv, $"rate-load  {string.Join(", ", options.Targets)}"));
        output.WriteLine(string.Create(inv,
            $"  schedule   {options.RatePerSecond:0.#} req/s constant arrival for {options.Duration.TotalSeconds:0.#} s after {options.WarmUp.TotalSeconds:0.#} s warm-up; " +
            $"{options.Connections} connections (opened first); {options.Tick.TotalMilliseconds:0.###} ms ticks"));
        output.WriteLine(string.Create(inv,
            $"  requests   {run.MeasuredIssued} measured: {run.MeasuredOk} ok, {run.MeasuredFailed} failed, {run.Unfinished} unfinished; " +
            $"{achieved:0.0} req/s achieved; {run.WarmUpFailed} failed in warm-up"));
        output.WriteLine(string.Create(inv, $"  statuses   {string.Join(", ", run.StatusCounts().Select(s => $"{s.Status}: {s.Count}"))}"));
        if (run.Saturated)
            output.WriteLine(string.Create(inv, $"  SATURATED  more than {options.MaxInFlight} requests were in flight: the target cannot sustain this rate; the run stopped early"));
        if (run.FirstError is { } firstError) output.WriteLine(string.Create(inv, $"  first error {firstError}"));
        output.WriteLine(string.Create(inv, $"  latency from scheduled send (ms)  {Summary(run.FromScheduled)}"));
        output.WriteLine(string.Create(inv, $"  latency from actual send (ms)     {Summary(run.FromSent)}"));
        output.WriteLine(string.Create(inv, $"  scheduler tick lateness (ms)      {Summary(run.TickLateness)}"));

        var h = run.FromScheduled;
        output.WriteLine(string.Create(inv,
            $"RESULT rate={options.RatePerSecond:0.#} achieved={achieved:0.0} measured={run.MeasuredIssued} ok={run.MeasuredOk} " +
            $"failed={run.MeasuredFailed + run.Unfinished} saturated={(run.Saturated ? 1 : 0)} " +
            $"p50_ms={Ms(h.PercentileMicros(50))} p90_ms={Ms(h.PercentileMicros(90))} p99_ms={Ms(h.PercentileMicros(99))} " +
            $"p999_ms={Ms(h.PercentileMicros(99.9))} max_ms={Ms(h.MaxMicros)} mean_ms={Ms((long)h.MeanMicros)} " +
            $"sent_p50_ms={Ms(run.FromSent.PercentileMicros(50))} sent_p99_ms={Ms(run.FromSent.PercentileMicros(99))} " +
            $"tick_late_p99_ms={Ms(run.TickLateness.PercentileMicros(99))}"));
    }

    private static string Summary(LatencyHistogram h) =>
        string.Join("  ", Percentiles.Select(p => $"p{p.ToString(CultureInfo.InvariantCulture)} {Ms(h.PercentileMicros(p))}"))
        + $"  max {Ms(h.MaxMicros)}  mean {Ms((long)h.MeanMicros)}";

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
