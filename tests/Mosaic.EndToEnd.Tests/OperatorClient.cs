using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Manifest;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// Calls a service's API directly as the operator, the way <c>mosaic</c> does: over mutual TLS with the
/// environment's <c>mosaic</c> certificate, trusting its authority only. The policy decides what it may do.
/// </summary>
internal static class OperatorClient
{
    /// <summary>Where the manifest says <paramref name="service"/> listens, honouring MOSAIC_PORT_OFFSET.</summary>
    public static ServiceInstance InstanceOf(string service) =>
        ManifestLoader.Load(Path.Combine(MosaicSystem.Root, ManifestLoader.FileName)).GetService(service).Instance(0);

    public static HttpClient For(string environment, string service, X509Certificate2? certificate = null)
    {
        var pki = Pki(environment);
        return Client(environment, service, certificate ?? X509Certificate2.CreateFromPemFile(pki.CertificateOf(PeerVerifier.OperatorIdentity), pki.KeyOf(PeerVerifier.OperatorIdentity)));
    }

    /// <summary>The same HTTPS client, trusting the environment's authority, but presenting no certificate of its own.</summary>
    public static HttpClient Anonymous(string environment, string service) => Client(environment, service, identity: null);

    private static PkiDirectory Pki(string environment) => PkiDirectory.InStateDirectory(Path.Combine(MosaicSystem.Root, ".mosaic", environment));

    private static HttpClient Client(string environment, string service, X509Certificate2? identity)
    {
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(Pki(environment).AuthorityCertificate));
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => identity!,
                RemoteCertificateValidationCallback = (_, server, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return server is X509Certificate2 presented && chain.Build(presented);
                },
            },
        };
        var address = new UriBuilder(InstanceOf(service).ApiAddress) { Scheme = Uri.UriSchemeHttps }.Uri;
        return new HttpClient(handler) { BaseAddress = address };
    }
}
