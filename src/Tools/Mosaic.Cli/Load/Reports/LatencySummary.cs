using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Cli.Load.Reports;

/// <summary>Percentiles of a histogram in milliseconds (each at most 1/64 above the true value).</summary>
public sealed record LatencySummary(long Count, double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary Of(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
        return new LatencySummary(
            histogram.Count,
            Ms(histogram.PercentileMicros(50)), Ms(histogram.PercentileMicros(90)), Ms(histogram.PercentileMicros(99)),
            Ms(histogram.PercentileMicros(99.9)), Ms(histogram.MaxMicros), Math.Round(histogram.MeanMicros / 1000.0, 3));
    }
}
