using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Bench.Messaging.Reporting;

/// <summary>Percentiles of one histogram in milliseconds, as the driver script reads them.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double MeanMs)
{
    public static LatencySummary From(LatencyHistogram histogram) => new(
        histogram.Count,
        Ms(histogram.PercentileMicros(50)),
        Ms(histogram.PercentileMicros(90)),
        Ms(histogram.PercentileMicros(99)),
        Ms(histogram.PercentileMicros(99.9)),
        Ms(histogram.MaxMicros),
        Math.Round(histogram.MeanMicros / 1000.0, 3));

    private static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
