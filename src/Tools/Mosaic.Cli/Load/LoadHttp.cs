using System.Net;

namespace Mosaic.Cli.Load;

/// <summary>
/// The HTTP clients of a load run: one for the traffic through the gateway (a fixed pool of
/// connections, opened before the run so the first measured requests pay no TCP connect) and one for
/// the management ports the sampler reads.
/// </summary>
public sealed class LoadHttp : IDisposable
{
    public LoadHttp(int connections)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        Gateway = new HttpClient(handler, disposeHandler: true) { Timeout = LoadLimits.RequestTimeout };
        Management = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Connections = connections;
    }

    public HttpClient Gateway { get; }

    public HttpClient Management { get; }

    public int Connections { get; }

    /// <summary>Opens the gateway connection pool to its full size with cheap requests; returns how many it sent.</summary>
    public async Task<int> WarmAsync(Uri gateway, CancellationToken cancellationToken)
    {
        var probes = Enumerable.Range(0, Connections).Select(async _ =>
        {
            using var response = await Gateway.GetAsync(new Uri(gateway, "/api/catalog/categories"), cancellationToken);
        });
        await Task.WhenAll(probes);
        return Connections;
    }

    public void Dispose()
    {
        Gateway.Dispose();
        Management.Dispose();
    }
}
