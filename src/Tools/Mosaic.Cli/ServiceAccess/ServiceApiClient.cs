using System.Net;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.ServiceAccess;

/// <summary>
/// The one way this command calls a service's API listener directly, not through the gateway (the
/// payment provider's admin API and ledger, the payments records that chaos experiments audit). The
/// handler is made here and nowhere else, so the client certificate that mutual TLS between services
/// needs is added in this one place. Management ports (health, metrics, info) stay plain HTTP and do
/// not come through here.
/// </summary>
public sealed class ServiceApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly SystemManifest _manifest;

    public ServiceApiClient(SystemManifest manifest, TimeSpan timeout)
    {
        _manifest = manifest;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
    }

    /// <summary>The address of <paramref name="path"/> on the API listener of instance <paramref name="index"/> of <paramref name="service"/>.</summary>
    public Uri Address(string service, string path, int index = 0) =>
        new(_manifest.GetService(service).AllInstances().ElementAt(index).ApiAddress, path);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http.SendAsync(request, cancellationToken);

    public void Dispose() => _http.Dispose();
}
