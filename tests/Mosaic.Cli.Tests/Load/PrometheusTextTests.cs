using Mosaic.Cli.Load.Sampling;

namespace Mosaic.Cli.Tests.Load;

public class PrometheusTextTests
{
    [Fact]
    public void Samples_their_labels_and_values_are_read_and_comments_skipped()
    {
        var samples = PrometheusText.Parse("""
            # HELP http_server_request_duration_seconds Duration.
            # TYPE http_server_request_duration_seconds histogram
            http_server_request_duration_seconds_sum{http_route="/products",service="catalog"} 1.5
            http_server_request_duration_seconds_count{http_route="/products",service="catalog"} 300
            process_cpu 12
            """).ToList();

        Assert.Equal(3, samples.Count);
        Assert.Equal("/products", samples[0].Label("http_route"));
        Assert.Equal("catalog", samples[1].Label("service"));
        Assert.Null(samples[1].Label("route"));
        Assert.Equal(300, samples[1].Value);
        Assert.Equal("process_cpu", samples[2].Name);
    }

    [Fact]
    public void A_service_load_is_cpu_per_second_and_own_latency_per_request()
    {
        var before = new ServiceReading("gateway", 10, 1.0, 1000, 0.5, 1000);
        var after = new ServiceReading("gateway", 12, 6.0, 2000, 4.0, 2000);

        var load = ServiceLoad.Between(before, after, TimeSpan.FromSeconds(4));

        Assert.Equal(0.5, load.CpuCores, 6);
        Assert.Equal(250, load.RequestsPerSecond, 6);
        // 5 s over 1000 requests is 5 ms each, of which 3.5 ms waiting for the services behind.
        Assert.Equal(1.5, load.MeanLatencyMs, 6);
    }
}
