using Microsoft.Extensions.Options;
using Mosaic.Platform.Policy.Enforcement;

namespace Mosaic.Platform.ServiceClients;

/// <summary>Every call from one service to another starts here: <c>CreateClient("catalog")</c>.</summary>
public interface IServiceClientFactory
{
    /// <summary>A client whose base address is <c>http://SERVICE/</c>; dispose it when done (the pool is shared).</summary>
    HttpClient CreateClient(string service);
}

internal sealed class ServiceClientFactory(
    ServiceEndpoints endpoints,
    InternalTransport transport,
    ServiceClientMetrics metrics,
    IOptions<ServiceClientOptions> options,
    PolicyEnforcer? policy = null) : IServiceClientFactory
{
    public HttpClient CreateClient(string service)
    {
        if (!endpoints.Knows(service)) throw new UnknownServiceException(service);
        HttpMessageHandler handler = new ServiceDiscoveryHandler(service, endpoints, metrics) { InnerHandler = transport.HandlerFor(service) };
        // The policy is checked first, so a call it does not allow never reaches a connection.
        if (policy is not null) handler = new OutboundPolicyHandler(service, policy) { InnerHandler = handler };
        // disposeHandler: false keeps the shared socket pool alive when a per-call client is disposed.
        return new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = new Uri($"http://{service}/"),
            Timeout = options.Value.TimeoutFor(service),
            DefaultRequestVersion = transport.RequestVersion,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
    }
}

/// <summary>Timeouts for calls to other services: a default, and per service overrides.</summary>
public sealed class ServiceClientOptions
{
    public const string Section = "Mosaic:Clients";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public Dictionary<string, TimeSpan> Timeouts { get; } = new(StringComparer.Ordinal);

    public TimeSpan TimeoutFor(string service) => Timeouts.TryGetValue(service, out var timeout) ? timeout : Timeout;
}
