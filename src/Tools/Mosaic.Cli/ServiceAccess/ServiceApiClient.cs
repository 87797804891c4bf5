using Mosaic.Cli.Pki;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.ServiceClients;

namespace Mosaic.Cli.ServiceAccess;

/// <summary>
/// The one way this command calls a service's API listener directly, not through the gateway (the
/// payment provider's admin API and ledger, the payments records that chaos experiments audit): over
/// mutual TLS as the environment's <c>mosaic</c> identity, through the platform's own transport, so each
/// call accepts only the service it is addressed to. What it may do is the policy's <c>mosaic</c> rules.
/// Management ports (health, metrics, info) stay plain HTTP and do not come through here.
/// </summary>
public sealed class ServiceApiClient : IDisposable
{
    private readonly SystemManifest _manifest;
    private readonly InternalTransport _transport;
    private readonly TimeSpan _timeout;

    public ServiceApiClient(MosaicWorkspace workspace, SystemManifest manifest, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(manifest);
        _manifest = manifest;
        _timeout = timeout;
        var pki = new EnvironmentPki(workspace, manifest, TimeProvider.System);
        pki.EnsureOperatorCertificate();
        var verifier = new PeerVerifier(
            new ServiceCertificates(pki.Directory, PeerVerifier.OperatorIdentity), pki.TrustDomain, workspace.Environment, manifest.Services.Keys, TimeProvider.System);
        _transport = new InternalTransport(new ClientIdentity(verifier));
    }

    /// <summary>The address of <paramref name="path"/> on the API listener of instance <paramref name="index"/> of <paramref name="service"/>.</summary>
    public Uri Address(string service, string path, int index = 0) =>
        new(new UriBuilder(_manifest.GetService(service).AllInstances().ElementAt(index).ApiAddress) { Scheme = Uri.UriSchemeHttps }.Uri, path);

    /// <summary>Sends <paramref name="request"/> (addressed with <see cref="Address"/>) on the pool of the service that owns its port.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var port = request.RequestUri?.Port ?? throw new ArgumentException("The request has no address.", nameof(request));
        var service = _manifest.Services.Values.FirstOrDefault(s => s.AllInstances().Any(i => i.Port == port))
            ?? throw new ArgumentException($"No service of mosaic.yaml listens on port {port}.", nameof(request));
        using var client = new HttpClient(_transport.HandlerFor(service.Name), disposeHandler: false) { Timeout = _timeout };
        return await client.SendAsync(request, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();
}
