using System.Globalization;
using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Cli.Chaos.Recovery;

/// <summary>One second of a run by due time: what was sent, what failed, and the successful requests' latencies.</summary>
public sealed record SecondSample(int Second, long Sent, long Failed, LatencyHistogram Latency);

/// <summary>
/// When a run was in its steady state again after a fault. The steady p99 is that of the seconds before the
/// fault (the first second left out). A moment is steady when the <see cref="Window"/> seconds from it had
/// errors at most <see cref="MaxErrorRate"/> of what they sent and a p99 within <see cref="Tolerance"/> of the
/// steady p99: a window, because one second's p99 at a modest rate is one slow request. Recovery is the first
/// second from the end of the fault after which every moment of the run was steady.
/// </summary>
public static class RecoveryAnalysis
{
    public const double MaxErrorRate = 0.01;

    public const int Window = 3;

    /// <summary>A p99 is steady up to three times the steady p99, or 50 ms above it when that is more.</summary>
    public static double Tolerance(double steadyP99) => Math.Max(steadyP99 * 3, steadyP99 + 50);

    public static RecoveryResult Analyse(IReadOnlyList<SecondSample> seconds, double faultStart, double faultEnd)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var active = seconds.Where(s => s.Sent > 0).OrderBy(s => s.Second).ToList();
        var before = new LatencyHistogram();
        foreach (var s in active.Where(s => s.Second >= 1 && s.Second + 1 <= faultStart)) before.Add(s.Latency);
        if (before.Count == 0)
            foreach (var s in active.Where(s => s.Second + 1 <= faultStart)) before.Add(s.Latency);
        var steadyP99 = before.PercentileMicros(99) / 1000.0;
        var bound = Tolerance(steadyP99);

        bool SteadyFrom(int index)
        {
            var window = active.Skip(index).Take(Window).ToList();
            var latency = new LatencyHistogram();
            foreach (var s in window) latency.Add(s.Latency);
            long sent = window.Sum(s => s.Sent), failed = window.Sum(s => s.Failed);
            return sent > 0 && failed <= sent * MaxErrorRate && latency.PercentileMicros(99) / 1000.0 <= bound;
        }

        var first = (int)Math.Floor(faultEnd);
        int? recovered = null;
        for (var i = active.Count - 1; i >= 0 && active[i].Second >= first; i--)
        {
            if (!SteadyFrom(i)) break;
            recovered = active[i].Second;
        }
        // A steady state is more than the run's last moments.
        if (recovered is { } r && active[^1].Second - r < Window - 1) recovered = null;
        var faulty = active.Where(s => s.Second >= Math.Floor(faultStart) && (recovered is null || s.Second < recovered)).ToList();
        return new RecoveryResult(
            Math.Round(steadyP99, 3), Math.Round(bound, 3),
            recovered is { } at ? Math.Round(Math.Max(0, at - faultEnd), 2) : null,
            recovered is { } at2 ? Math.Round(Math.Max(0, at2 - faultStart), 2) : null,
            faulty.Sum(s => s.Failed), faulty.Sum(s => s.Sent));
    }
}

/// <summary>The steady p99 before the fault, the bound a steady window stays within, and how long until steady again (null: not within the run).</summary>
public sealed record RecoveryResult(double SteadyP99Ms, double SteadyBoundMs, double? SecondsAfterFaultEnded, double? SecondsAfterFaultBegan, long ErrorsUntilRecovered, long SentUntilRecovered)
{
    public string Describe() => SecondsAfterFaultBegan is { } began
        ? string.Create(CultureInfo.InvariantCulture, $"steady again {SecondsAfterFaultEnded:0.#} s after the fault ended ({began:0.#} s after it began): from then on every {RecoveryAnalysis.Window} s had errors ≤ {RecoveryAnalysis.MaxErrorRate:0%} and p99 ≤ {SteadyBoundMs:0.#} ms (steady p99 before: {SteadyP99Ms:0.#} ms)")
        : string.Create(CultureInfo.InvariantCulture, $"not steady again before the run ended (steady: errors ≤ {RecoveryAnalysis.MaxErrorRate:0%} and p99 ≤ {SteadyBoundMs:0.#} ms over {RecoveryAnalysis.Window} s)");
}
