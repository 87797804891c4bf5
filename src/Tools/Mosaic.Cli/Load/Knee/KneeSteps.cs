using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Cli.Load.Knee;

/// <summary>The staircase a knee search climbs: <c>start</c>, <c>start + step</c>, ... up to <c>max</c>, each held for the same time.</summary>
public static class KneeSteps
{
    public static RateProfile Profile(double start, double step, double max, TimeSpan stepDuration)
    {
        if (start <= 0 || step <= 0 || max < start) throw new ArgumentOutOfRangeException(nameof(start), "The steps need start > 0, step > 0 and max ≥ start.");
        var phases = new List<RatePhase>();
        for (var rate = start; rate <= max + 1e-9; rate += step) phases.Add(RatePhase.Constant(rate, stepDuration));
        return new RateProfile(phases);
    }
}
