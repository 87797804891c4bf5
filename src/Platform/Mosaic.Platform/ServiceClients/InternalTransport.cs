using System.Net;

namespace Mosaic.Platform.ServiceClients;

/// <summary>
/// The connection pool every service-to-service call leaves through, the internal client and the
/// gateway's forwarder alike. Client certificates for mutual TLS are set here, once.
/// </summary>
public sealed class InternalTransport : IDisposable
{
    public InternalTransport()
    {
        Handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            MaxConnectionsPerServer = int.MaxValue,
            EnableMultipleHttp2Connections = true,
        };
    }

    /// <summary>The shared handler; callers wrap it and must not dispose it.</summary>
    public SocketsHttpHandler Handler { get; }

    public void Dispose() => Handler.Dispose();
}
