using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Mosaic.Platform.Metrics;

internal enum MetricKind { Counter, Gauge, Histogram }

/// <summary>Everything recorded for one instrument, keyed by its label values.</summary>
internal sealed class MetricFamily
{
    private static readonly double[] DefaultSecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<string, MetricSeries> series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MetricSeries>.AlternateLookup<ReadOnlySpan<char>> lookup;

    private MetricFamily(string name, string help, MetricKind kind, bool cumulativeObservations, double[]? buckets)
    {
        Name = name;
        Help = help;
        Kind = kind;
        CumulativeObservations = cumulativeObservations;
        Buckets = buckets;
        lookup = series.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Name { get; }

    public string Help { get; }

    public MetricKind Kind { get; }

    /// <summary>Observable instruments report totals, which replace the series value instead of adding to it.</summary>
    public bool CumulativeObservations { get; }

    public double[]? Buckets { get; }

    public IEnumerable<MetricSeries> Series => series.Values;

    public static MetricFamily For(Instrument instrument)
    {
        var baseName = PrometheusNames.Metric(instrument.Name, instrument.Unit);
        var help = instrument.Description ?? instrument.Name;
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;

        if (generic == typeof(Counter<>)) return new(baseName + "_total", help, MetricKind.Counter, false, null);
        if (generic == typeof(ObservableCounter<>)) return new(baseName + "_total", help, MetricKind.Counter, true, null);
        if (generic == typeof(UpDownCounter<>)) return new(baseName, help, MetricKind.Gauge, false, null);
        if (generic == typeof(ObservableUpDownCounter<>) || generic == typeof(ObservableGauge<>))
            return new(baseName, help, MetricKind.Gauge, true, null);
        if (generic == typeof(Gauge<>)) return new(baseName, help, MetricKind.Gauge, true, null);
        return new(baseName, help, MetricKind.Histogram, false, HistogramBuckets(instrument));
    }

    public void Record(double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var target = SeriesFor(tags);
        switch (Kind)
        {
            case MetricKind.Histogram: target.Observe(measurement); break;
            case MetricKind.Counter or MetricKind.Gauge when CumulativeObservations: target.Set(measurement); break;
            default: target.Add(measurement); break;
        }
    }

    private MetricSeries SeriesFor(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // Measurements arrive on every request: look the series up by a key written into a reused
        // per-thread buffer, so the common case (a series seen before) allocates nothing.
        var key = SeriesKey.Write(tags);
        if (lookup.TryGetValue(key, out var existing)) return existing;

        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
            labels[i] = new(PrometheusNames.Label(tags[i].Key), Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return series.GetOrAdd(key.ToString(), _ => new MetricSeries(labels, Buckets));
    }

    private static double[] HistogramBuckets(Instrument instrument)
    {
        var advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
        if (advised is { Length: > 0 }) return advised;
        return instrument.Unit switch
        {
            "s" => DefaultSecondsBuckets,
            "ms" => DefaultSecondsBuckets.Select(b => b * 1000).ToArray(),
            _ => [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
        };
    }
}
