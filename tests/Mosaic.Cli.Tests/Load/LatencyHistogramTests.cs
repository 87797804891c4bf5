using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Cli.Tests.Load;

public class LatencyHistogramTests
{
    /// <summary>A reported percentile is the upper edge of its bucket: at most 1/64 above the exact value, never below it.</summary>
    private static void AssertClose(double expected, long reported)
    {
        Assert.True(reported >= expected - 1, $"{reported} is below the exact {expected}");
        Assert.True(reported <= expected * (1 + 1.0 / 64) + 1, $"{reported} is more than 1/64 above the exact {expected}");
    }

    [Fact]
    public void Percentiles_of_a_uniform_distribution_are_within_the_bucket_width_of_the_exact_ones()
    {
        var histogram = new LatencyHistogram();
        for (var micros = 1; micros <= 100_000; micros++) histogram.Record(micros);

        Assert.Equal(100_000, histogram.Count);
        AssertClose(50_000, histogram.PercentileMicros(50));
        AssertClose(90_000, histogram.PercentileMicros(90));
        AssertClose(99_000, histogram.PercentileMicros(99));
        AssertClose(99_900, histogram.PercentileMicros(99.9));
        Assert.Equal(100_000, histogram.MaxMicros);
        Assert.Equal(50_000.5, histogram.MeanMicros, 3);
    }

    [Fact]
    public void Percentiles_of_an_exponential_distribution_match_its_quantile_function()
    {
        // Exponential with a mean of 5 ms: the p-quantile is -mean * ln(1 - p). Sampled by its inverse CDF
        // at evenly spaced probabilities, so the sample's quantiles are the distribution's, not a random draw's.
        const double mean = 5_000;
        const int n = 200_000;
        var histogram = new LatencyHistogram();
        for (var i = 0; i < n; i++) histogram.Record((long)Math.Round(-mean * Math.Log(1 - (i + 0.5) / n)));

        foreach (var p in new[] { 50.0, 90.0, 99.0, 99.9 })
            AssertClose(-mean * Math.Log(1 - p / 100), histogram.PercentileMicros(p));
    }

    [Fact]
    public void A_bimodal_tail_shows_in_the_high_percentiles_only()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 9_900; i++) histogram.Record(1_000);
        for (var i = 0; i < 100; i++) histogram.Record(500_000);

        AssertClose(1_000, histogram.PercentileMicros(50));
        AssertClose(1_000, histogram.PercentileMicros(99));
        AssertClose(500_000, histogram.PercentileMicros(99.9));
        Assert.Equal(500_000, histogram.MaxMicros);
    }

    [Fact]
    public void Small_values_are_exact_and_an_empty_histogram_reports_zero()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.PercentileMicros(99));
        foreach (var v in new[] { 3, 7, 7, 9, 100 }) histogram.Record(v);
        Assert.Equal(7, histogram.PercentileMicros(50));
        Assert.Equal(100, histogram.PercentileMicros(100));
    }

    [Fact]
    public void Adding_histograms_gives_the_percentiles_of_all_their_values()
    {
        var low = new LatencyHistogram();
        var high = new LatencyHistogram();
        for (var micros = 1; micros <= 50_000; micros++) low.Record(micros);
        for (var micros = 50_001; micros <= 100_000; micros++) high.Record(micros);

        var all = new LatencyHistogram();
        all.Add(low);
        all.Add(high);

        Assert.Equal(100_000, all.Count);
        AssertClose(99_000, all.PercentileMicros(99));
        Assert.Equal(100_000, all.MaxMicros);
    }

    [Fact]
    public void Values_recorded_from_many_threads_are_all_counted()
    {
        var histogram = new LatencyHistogram();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 1; i <= 10_000; i++) histogram.Record(i);
        });
        Assert.Equal(80_000, histogram.Count);
        AssertClose(5_000, histogram.PercentileMicros(50));
    }
}
