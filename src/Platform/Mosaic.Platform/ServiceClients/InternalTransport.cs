using System.Collections.Concurrent;
using System.Net;
using System.Diagnostics;
using Mosaic.Platform.Certificates;

namespace Mosaic.Platform.ServiceClients;

/// <summary>
/// The connection pools every service-to-service call leaves through, the internal client and the
/// gateway's forwarder alike: one per target service, so that with mutual TLS each pool presents this
/// service's certificate and accepts only the certificate of the service it is for.
/// </summary>
public sealed class InternalTransport(ClientIdentity? identity = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, SocketsHttpHandler> handlers = new(StringComparer.Ordinal);

    /// <summary>Whether calls are made with mutual TLS (https endpoints and this service's certificate).</summary>
    public bool MutualTls => identity is not null;

    /// <summary>
    /// The HTTP version calls are made with. Over mutual TLS it is HTTP/2 (negotiated by ALPN; a listener
    /// that only speaks HTTP/1.1 still gets 1.1): requests share a few multiplexed connections instead of
    /// each burst opening new ones, and a new TLS connection costs a handshake with chain verification on
    /// both ends, which under load piled up into tail latency (benchmarks/README.md, policy benchmark).
    /// Plain HTTP stays on HTTP/1.1, since HTTP/2 without TLS needs prior knowledge of the listener.
    /// </summary>
    public Version RequestVersion => MutualTls ? HttpVersion.Version20 : HttpVersion.Version11;

    /// <summary>The W3C trace context headers the handlers add, which a forwarder must not copy from its caller.</summary>
    public static IReadOnlyCollection<string> PropagatedHeaders => DistributedContextPropagator.Current.Fields;

    /// <summary>The shared handler for calls to <paramref name="service"/>; callers wrap it and must not dispose it.</summary>
    public SocketsHttpHandler HandlerFor(string service) => handlers.GetOrAdd(service, Create);

    public void Dispose()
    {
        foreach (var handler in handlers.Values) handler.Dispose();
    }

    private SocketsHttpHandler Create(string service)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            // Connections are renewed within minutes, so a renewed certificate is soon on every one of them.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,
        };
        if (identity is not null) handler.SslOptions = identity.OptionsFor(service);
        return handler;
    }
}
