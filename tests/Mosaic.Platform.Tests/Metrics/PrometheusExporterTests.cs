using System.Diagnostics.Metrics;
using Mosaic.Platform.Metrics;

namespace Mosaic.Platform.Tests.Metrics;

public class PrometheusExporterTests
{
    [Fact]
    public void Counters_histograms_and_gauges_render_in_the_prometheus_text_format()
    {
        using var exporter = new PrometheusExporter([new("service", "probe")]);
        using var meter = new Meter($"Mosaic.Test.{Guid.NewGuid():N}");
        var orders = meter.CreateCounter<long>("shop.orders.placed", description: "Orders placed");
        var duration = meter.CreateHistogram("shop.checkout.duration", unit: "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        var queue = 7;
        meter.CreateObservableGauge("shop.queue.depth", () => queue);

        orders.Add(2, new KeyValuePair<string, object?>("status", 201));
        orders.Add(3, new KeyValuePair<string, object?>("status", 201));
        orders.Add(1, new KeyValuePair<string, object?>("status", 409));
        duration.Record(0.05);
        duration.Record(0.5);
        duration.Record(3);

        var lines = exporter.Scrape().Split('\n');

        Assert.Contains("# HELP shop_orders_placed_total Orders placed", lines);
        Assert.Contains("# TYPE shop_orders_placed_total counter", lines);
        Assert.Contains("shop_orders_placed_total{service=\"probe\",status=\"201\"} 5", lines);
        Assert.Contains("shop_orders_placed_total{service=\"probe\",status=\"409\"} 1", lines);
        Assert.Contains("# TYPE shop_checkout_duration_seconds histogram", lines);
        Assert.Contains("shop_checkout_duration_seconds_bucket{service=\"probe\",le=\"0.1\"} 1", lines);
        Assert.Contains("shop_checkout_duration_seconds_bucket{service=\"probe\",le=\"1\"} 2", lines);
        Assert.Contains("shop_checkout_duration_seconds_bucket{service=\"probe\",le=\"+Inf\"} 3", lines);
        Assert.Contains("shop_checkout_duration_seconds_sum{service=\"probe\"} 3.55", lines);
        Assert.Contains("shop_checkout_duration_seconds_count{service=\"probe\"} 3", lines);
        Assert.Contains("shop_queue_depth{service=\"probe\"} 7", lines);

        queue = 2;
        Assert.Contains("shop_queue_depth{service=\"probe\"} 2", exporter.Scrape().Split('\n'));
    }

    [Fact]
    public void Label_values_are_escaped()
    {
        using var exporter = new PrometheusExporter([]);
        using var meter = new Meter($"Mosaic.Test.{Guid.NewGuid():N}");
        meter.CreateCounter<int>("odd").Add(1, new KeyValuePair<string, object?>("path", "a\"b\\c\nd"));

        Assert.Contains("odd_total{path=\"a\\\"b\\\\c\\nd\"} 1", exporter.Scrape().Split('\n'));
    }

    [Fact]
    public void Meters_outside_the_platform_and_framework_are_not_exported()
    {
        using var exporter = new PrometheusExporter([]);
        using var meter = new Meter($"Somebody.Else.{Guid.NewGuid():N}");
        meter.CreateCounter<int>("private.counter").Add(1);

        Assert.DoesNotContain("private_counter", exporter.Scrape(), StringComparison.Ordinal);
    }
}
