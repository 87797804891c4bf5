using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// How this process appears as a TLS client: it presents its current certificate (read at each new
/// connection, so a renewed one is used from then on) and accepts only the service it meant to call.
/// </summary>
public sealed class ClientIdentity(PeerVerifier verifier)
{
    public PeerVerifier Verifier => verifier;

    /// <summary>TLS settings for connections to <paramref name="service"/>.</summary>
    public SslClientAuthenticationOptions OptionsFor(string service) => new()
    {
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = verifier.ChainPolicy(PeerVerifier.ServerPurpose),
        LocalCertificateSelectionCallback = (_, _, _, _, _) => verifier.Certificates.Certificate,
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 server && verifier.VerifyServer(server, service).IsAccepted,
    };
}
