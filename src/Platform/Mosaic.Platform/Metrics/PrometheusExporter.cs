using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Mosaic.Platform.Metrics;

/// <summary>
/// Listens to the process's meters (ASP.NET Core, Kestrel, HttpClient, the .NET runtime and every
/// <c>Mosaic.*</c> meter) and renders what they recorded in the Prometheus text format.
/// </summary>
/// <remarks>
/// It listens from its creation, before the host is built, so it misses nothing a service records
/// while starting; which host's meters to show is decided when scraping (see <see cref="Scrape"/>).
/// </remarks>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly string[] ExportedMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    private readonly ConcurrentDictionary<Instrument, MetricFamily> families = new();
    private readonly MeterListener listener = new();
    private readonly KeyValuePair<string, string>[] constantLabels;

    public PrometheusExporter(IEnumerable<KeyValuePair<string, string>> constantLabels)
    {
        this.constantLabels = constantLabels.ToArray();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (!ShouldExport(instrument.Meter.Name)) return;
            families.TryAdd(instrument, MetricFamily.For(instrument));
            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.SetMeasurementEventCallback<float>((i, m, t, s) => OnMeasurement(i, m, t, s));
        listener.SetMeasurementEventCallback<long>((i, m, t, s) => OnMeasurement(i, m, t, s));
        listener.SetMeasurementEventCallback<int>((i, m, t, s) => OnMeasurement(i, m, t, s));
        listener.SetMeasurementEventCallback<short>((i, m, t, s) => OnMeasurement(i, m, t, s));
        listener.SetMeasurementEventCallback<byte>((i, m, t, s) => OnMeasurement(i, m, t, s));
        listener.SetMeasurementEventCallback<decimal>((i, m, t, s) => OnMeasurement(i, (double)m, t, s));
        listener.Start();
    }

    internal static bool ShouldExport(string meterName) =>
        ExportedMeters.Contains(meterName, StringComparer.Ordinal) || meterName.StartsWith("Mosaic", StringComparison.Ordinal);

    private void OnMeasurement(Instrument instrument, double measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (families.TryGetValue(instrument, out var family)) family.Record(measurement, tags);
    }

    /// <summary>
    /// Collects observable instruments and renders every family. Given a host's <paramref name="meterScope"/>,
    /// the meters another host made with its own <see cref="IMeterFactory"/> are left out: two hosts in one
    /// process (in-process tests, say) then each show their own requests, not the sum of both.
    /// </summary>
    public string Scrape(IMeterFactory? meterScope = null)
    {
        listener.RecordObservableInstruments();
        var text = new StringBuilder(16 * 1024);
        var shown = families
            .Where(f => meterScope is null || f.Key.Meter.Scope is null || ReferenceEquals(f.Key.Meter.Scope, meterScope))
            .Select(f => f.Value);
        foreach (var group in shown.GroupBy(f => f.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            text.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(TypeName(first.Kind)).Append('\n');
            foreach (var family in group)
                foreach (var series in family.Series)
                    WriteSeries(text, family, series);
        }
        return text.ToString();
    }

    private void WriteSeries(StringBuilder text, MetricFamily family, MetricSeries series)
    {
        var (value, count, buckets) = series.Snapshot();
        if (family.Kind != MetricKind.Histogram)
        {
            WriteSample(text, family.Name, series.Labels, null, value);
            return;
        }
        var bounds = series.BucketBounds!;
        for (var i = 0; i < bounds.Length; i++)
            WriteSample(text, family.Name + "_bucket", series.Labels, bounds[i].ToString("R", CultureInfo.InvariantCulture), buckets[i]);
        WriteSample(text, family.Name + "_bucket", series.Labels, "+Inf", count);
        WriteSample(text, family.Name + "_sum", series.Labels, null, value);
        WriteSample(text, family.Name + "_count", series.Labels, null, count);
    }

    private void WriteSample(StringBuilder text, string name, KeyValuePair<string, string>[] labels, string? le, double value)
    {
        text.Append(name).Append('{');
        var first = true;
        foreach (var (key, labelValue) in constantLabels.Concat(labels))
        {
            if (!first) text.Append(',');
            first = false;
            text.Append(key).Append("=\"").Append(EscapeLabel(labelValue)).Append('"');
        }
        if (le is not null) text.Append(first ? "" : ",").Append("le=\"").Append(le).Append('"');
        text.Append("} ").Append(FormatValue(value)).Append('\n');
    }

    private static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeLabel(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public void Dispose() => listener.Dispose();
}
