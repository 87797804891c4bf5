namespace Mosaic.Platform.Metrics;

/// <summary>The running value of one instrument for one set of label values.</summary>
internal sealed class MetricSeries(KeyValuePair<string, string>[] labels, double[]? bucketBounds)
{
    private readonly Lock gate = new();
    private readonly long[]? bucketCounts = bucketBounds is null ? null : new long[bucketBounds.Length + 1];
    private double value;
    private long count;

    public KeyValuePair<string, string>[] Labels { get; } = labels;

    public double[]? BucketBounds { get; } = bucketBounds;

    public void Add(double amount)
    {
        lock (gate) value += amount;
    }

    public void Set(double newValue)
    {
        lock (gate) value = newValue;
    }

    public void Observe(double measurement)
    {
        var bounds = BucketBounds!;
        var bucket = 0;
        while (bucket < bounds.Length && measurement > bounds[bucket]) bucket++;
        lock (gate)
        {
            bucketCounts![bucket]++;
            value += measurement;
            count++;
        }
    }

    /// <summary>A consistent copy: value (or histogram sum), count, and cumulative bucket counts.</summary>
    public (double Value, long Count, long[] CumulativeBuckets) Snapshot()
    {
        lock (gate)
        {
            if (bucketCounts is null) return (value, 0, []);
            var cumulative = new long[bucketCounts.Length];
            long running = 0;
            for (var i = 0; i < bucketCounts.Length; i++) cumulative[i] = running += bucketCounts[i];
            return (value, count, cumulative);
        }
    }
}
