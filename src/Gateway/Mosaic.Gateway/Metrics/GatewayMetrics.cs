using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mosaic.Gateway.Routing;

namespace Mosaic.Gateway.Metrics;

/// <summary>
/// The gateway's RED metrics per public route and target service. The platform's /metrics
/// exports every meter whose name starts with "Mosaic".
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Mosaic.Gateway";

    // Boxed once: a status tag must not allocate on every request.
    private static readonly object[] StatusTags = Enumerable.Range(0, 600).Select(status => (object)status).ToArray();

    private readonly Counter<long> requests;
    private readonly Histogram<double> upstreamDuration;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>(
            "mosaic.gateway.requests",
            description: "Requests that matched a public route, by route, target_service and the status the client got " +
                "(401/413/429 from the gateway itself, 502/503/504 when forwarding failed, 499 when the client left first).");
        upstreamDuration = meter.CreateHistogram(
            "mosaic.gateway.upstream.duration",
            unit: "s",
            description: "Time from sending a request to an instance until its response headers arrived, by route, service and status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void RequestCompleted(GatewayRoute route, int status) =>
        requests.Add(1, Tags(route, status));

    public void UpstreamResponded(GatewayRoute route, int status, long startedTimestamp) =>
        upstreamDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, Tags(route, status));

    private static TagList Tags(GatewayRoute route, int status) => new()
    {
        { "route", route.Prefix },
        { "target_service", route.Service },
        { "status", (uint)status < StatusTags.Length ? StatusTags[status] : status },
    };
}
