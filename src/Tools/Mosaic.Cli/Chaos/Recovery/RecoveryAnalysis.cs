using System.Globalization;
using Mosaic.Cli.Load.Reports;

namespace Mosaic.Cli.Chaos.Recovery;

/// <summary>
/// When a run was in its steady state again after a fault. Steady means a second with errors at most
/// <see cref="MaxErrorRate"/> of what it sent and a p99 within <see cref="Tolerance"/> of the steady state
/// before the fault (the median of the seconds before it, skipping the first). Recovery is the first second
/// from the end of the fault after which every second of the run was steady.
/// </summary>
public static class RecoveryAnalysis
{
    public const double MaxErrorRate = 0.01;

    /// <summary>A second's p99 is steady up to three times the steady p99, or 50 ms above it when that is more.</summary>
    public static double Tolerance(double steadyP99) => Math.Max(steadyP99 * 3, steadyP99 + 50);

    public static RecoveryResult Analyse(IReadOnlyList<SecondReport> seconds, double faultStart, double faultEnd)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var before = seconds.Where(s => s.Second >= 1 && s.Second + 1 <= faultStart && s.Succeeded > 0).Select(s => s.P99).Order().ToList();
        if (before.Count == 0) before = seconds.Where(s => s.Second + 1 <= faultStart && s.Succeeded > 0).Select(s => s.P99).Order().ToList();
        var steadyP99 = before.Count == 0 ? 0 : before[before.Count / 2];
        var bound = Tolerance(steadyP99);
        bool Steady(SecondReport s) => s.Sent > 0 && s.Failed <= s.Sent * MaxErrorRate && s.P99 <= bound;

        var active = seconds.Where(s => s.Sent > 0 || s.OfferedRate > 0).ToList();
        var first = (int)Math.Floor(faultEnd);
        int? recovered = null;
        for (var i = active.Count - 1; i >= 0 && active[i].Second >= first; i--)
        {
            if (!Steady(active[i])) break;
            recovered = active[i].Second;
        }
        // The last second may be cut short by the end of the run; one steady second is not a steady state.
        var lastSecond = active.Count == 0 ? 0 : active[^1].Second;
        if (recovered is { } r && lastSecond - r < 1) recovered = null;
        var faulty = active.Where(s => s.Second >= Math.Floor(faultStart) && (recovered is null || s.Second < recovered)).ToList();
        return new RecoveryResult(
            Math.Round(steadyP99, 3), Math.Round(bound, 3),
            recovered is { } at ? Math.Max(0, at - faultEnd) : null,
            recovered is { } at2 ? Math.Max(0, at2 - faultStart) : null,
            faulty.Sum(s => s.Failed), faulty.Sum(s => s.Sent));
    }
}

/// <summary>The steady p99 before the fault, the bound a steady second stays within, and how long until steady again (null: not within the run).</summary>
public sealed record RecoveryResult(double SteadyP99Ms, double SteadyBoundMs, double? SecondsAfterFaultEnded, double? SecondsAfterFaultBegan, long ErrorsUntilRecovered, long SentUntilRecovered)
{
    public string Describe() => SecondsAfterFaultBegan is { } began
        ? string.Create(CultureInfo.InvariantCulture, $"steady again {SecondsAfterFaultEnded:0.#} s after the fault ended ({began:0.#} s after it began): every later second had errors ≤ {RecoveryAnalysis.MaxErrorRate:0%} and p99 ≤ {SteadyBoundMs:0.#} ms (steady p99 before: {SteadyP99Ms:0.#} ms)")
        : string.Create(CultureInfo.InvariantCulture, $"not steady again before the run ended (steady: errors ≤ {RecoveryAnalysis.MaxErrorRate:0%} and p99 ≤ {SteadyBoundMs:0.#} ms)");
}
