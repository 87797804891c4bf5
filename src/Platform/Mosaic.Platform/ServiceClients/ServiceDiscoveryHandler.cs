using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;

namespace Mosaic.Platform.ServiceClients;

/// <summary>
/// Sends a request addressed to <c>http://SERVICE/...</c> to one of that service's instances. An
/// instance that refuses the connection or does not accept it in time is skipped and the next one tried: nothing was sent, so
/// this is safe for every method.
/// </summary>
internal sealed class ServiceDiscoveryHandler(string service, ServiceEndpoints endpoints, ServiceClientMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri ?? throw new InvalidOperationException("A service call needs a request URI.");
        var started = Stopwatch.GetTimestamp();
        var tried = 0;
        foreach (var instance in endpoints.Candidates(service))
        {
            tried++;
            request.RequestUri = new UriBuilder(original) { Scheme = instance.Scheme, Host = instance.Host, Port = instance.Port }.Uri;
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                endpoints.ReportSuccess(service, instance);
                metrics.Record(service, request.Method, (int)response.StatusCode, started);
                return response;
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
            {
                endpoints.ReportFailure(service, instance);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The transport's connect timeout, not the caller's deadline: this instance never took the request.
                endpoints.ReportFailure(service, instance);
            }
            catch (Exception)
            {
                metrics.Record(service, request.Method, 0, started);
                throw;
            }
        }
        metrics.Record(service, request.Method, 0, started);
        throw new HttpRequestException(
            HttpRequestError.ConnectionError,
            $"No instance of '{service}' accepted a connection ({tried} tried).",
            statusCode: HttpStatusCode.ServiceUnavailable);
    }
}

/// <summary>RED metrics per dependency: how often this service called which other, how it went, how long it took.</summary>
public sealed class ServiceClientMetrics : IDisposable
{
    public const string MeterName = "Mosaic.ServiceClients";

    private readonly Meter meter = new(MeterName);
    private readonly Histogram<double> duration;

    public ServiceClientMetrics()
    {
        duration = meter.CreateHistogram(
            "mosaic.client.request.duration",
            unit: "s",
            description: "Duration of calls to other services, by target service, method and status (0 = no response).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    internal void Record(string service, HttpMethod method, int status, long startedTimestamp) =>
        duration.Record(
            Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("target_service", service),
            new KeyValuePair<string, object?>("method", method.Method),
            new KeyValuePair<string, object?>("status", status));

    public void Dispose() => meter.Dispose();
}
