using System.Globalization;
using Mosaic.Cli.Load.Reports;

namespace Mosaic.Cli.Load.Knee;

/// <summary>
/// Which service gave first as the rate climbed: the one whose own mean latency rose first (to twice its
/// first step's, and at least 1 ms more), the one whose latency grew most among those that rose at the same
/// step (then the busiest CPU). When no
/// latency rose, the one that used the most CPU at the failing step: on a shared machine that is the
/// service the others wait for.
/// </summary>
public static class BottleneckAnalysis
{
    public const double RiseFactor = 2.0;
    public const double RiseFloorMs = 1.0;

    public static (string Service, string Reason)? Find(IReadOnlyList<PhaseReport> steps, int lastStep)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0 || steps[0].Services.Count == 0) return null;
        lastStep = Math.Min(lastStep, steps.Count - 1);
        var baseline = steps[0].Services.ToDictionary(s => s.Service, StringComparer.Ordinal);
        for (var i = 1; i <= lastStep; i++)
        {
            var rose = steps[i].Services
                .Where(s => baseline.TryGetValue(s.Service, out var b) && s.MeanLatencyMs >= Math.Max(b.MeanLatencyMs * RiseFactor, b.MeanLatencyMs + RiseFloorMs))
                .OrderByDescending(s => s.MeanLatencyMs / Math.Max(baseline[s.Service].MeanLatencyMs, 0.1))
                .ThenByDescending(s => s.CpuCores)
                .ToList();
            if (rose.Count == 0) continue;
            var first = rose[0];
            var b0 = baseline[first.Service];
            var also = rose.Count > 1 ? $" (also rising then: {string.Join(", ", rose.Skip(1).Select(r => r.Service))})" : "";
            return (first.Service, FormattableString.Invariant(
                $"its own mean latency rose first, from {b0.MeanLatencyMs:0.0} ms at {steps[0].StartRate:0} req/s to {first.MeanLatencyMs:0.0} ms at {steps[i].StartRate:0} req/s, while its CPU went from {b0.CpuCores:0.00} to {first.CpuCores:0.00} cores{also}."));
        }
        var busiest = steps[lastStep].Services.OrderByDescending(s => s.CpuCores).First();
        return (busiest.Service, FormattableString.Invariant(
            $"no service's own latency doubled; it used the most CPU at {steps[lastStep].StartRate:0} req/s ({busiest.CpuCores:0.00} cores of {Environment.ProcessorCount})."));
    }
}
