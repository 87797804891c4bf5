using System.Globalization;
using Mosaic.Cli.Load.Scenarios;

namespace Mosaic.Cli.Load.Scheduling;

/// <summary>Phases written on one line: <c>RATE:TIME</c> (constant) or <c>FROM-TO:TIME</c> (a ramp), comma-separated.</summary>
public static class PhaseList
{
    public static IReadOnlyList<RatePhase>? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var phases = new List<RatePhase>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            var rates = colon > 0 ? part[..colon].Split('-', 2) : [];
            if (colon <= 0 || !LoadDuration.TryParse(part[(colon + 1)..], out var duration)
                || !rates.All(r => double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && v <= LoadLimits.MaxRate))
            {
                error = $"'{part}' is not RATE:TIME or FROM-TO:TIME (rates above 0 and at most {LoadLimits.MaxRate}/s, times like 30s), as in 200:30s,100-400:60s.";
                return null;
            }
            var from = double.Parse(rates[0], CultureInfo.InvariantCulture);
            phases.Add(new RatePhase(from, rates.Length == 2 ? double.Parse(rates[1], CultureInfo.InvariantCulture) : from, duration));
        }
        if (phases.Count == 0)
        {
            error = "needs at least one phase, like 200:30s.";
            return null;
        }
        if (phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration) > LoadLimits.MaxDuration)
        {
            error = "adds up to more than an hour.";
            return null;
        }
        error = null;
        return phases;
    }
}
