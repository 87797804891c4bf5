using System.Globalization;
using Mosaic.Cli.Load.Reports;

namespace Mosaic.Cli.Load.Knee;

/// <summary>What a step must meet to count as healthy: a p99 latency bound and an error-rate bound.</summary>
public sealed record ServiceLevelObjective(double P99Ms, double ErrorRate)
{
    public static ServiceLevelObjective Default { get; } = new(100, 0.001);

    /// <summary>Null when the step met the objective, else why it did not.</summary>
    public string? Breach(PhaseReport step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Succeeded == 0) return "nothing succeeded";
        var reasons = new List<string>();
        if (step.Latency.P99 > P99Ms) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"p99 {step.Latency.P99:0.#} ms > {P99Ms:0.#} ms"));
        if (step.ErrorRate >= ErrorRate) reasons.Add(string.Create(CultureInfo.InvariantCulture, $"errors {step.ErrorRate:0.###%} ≥ {ErrorRate:0.###%}"));
        return reasons.Count == 0 ? null : string.Join(" and ", reasons);
    }
}
