using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Hosting;

namespace Mosaic.Platform.Listeners;

/// <summary>
/// The one place a service's listeners are made: the API listener, which requires a client certificate
/// from the environment's authority (unless it is the gateway's public entry), and the plain management
/// listener, so probes and scrapers keep working whatever the API demands.
/// </summary>
internal static partial class ListenerSetup
{
    public static void Configure(KestrelServerOptions kestrel, MosaicOptions options, ListenerPorts ports, SecurityPosture security)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);

        var address = ParseAddress(options.BindAddress);
        // Read now, so that a service (the gateway too) without its certificate fails as it starts, not at its first call.
        security.Verifier?.Certificates.Load();
        kestrel.Listen(address, ports.Api, listen =>
        {
            if (!security.InboundEnforced || security.Verifier is not { } verifier)
            {
                // HTTP/2 needs TLS to be negotiated; a plain listener speaks HTTP/1.1.
                listen.Protocols = HttpProtocols.Http1;
                return;
            }
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(https =>
            {
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                // Read at every handshake, so a renewed certificate is served as soon as it is loaded.
                https.ServerCertificateSelector = (_, _) => verifier.Certificates.Certificate;
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.CheckCertificateRevocation = false;
                // TLS's own chain check trusts this environment's authority only and fetches nothing for the caller.
                https.OnAuthenticate = (_, authentication) => authentication.CertificateChainPolicy = verifier.ChainPolicy(PeerVerifier.ClientPurpose);
                https.ClientCertificateValidation = (certificate, _, _) =>
                {
                    // The platform's own check replaces the system's: only this environment's authority is trusted.
                    var verdict = verifier.VerifyClient(certificate);
                    if (!verdict.IsAccepted)
                        LogRefused(kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ListenerSetup).FullName!), verdict.Refusal!);
                    return verdict.IsAccepted;
                };
            });
        });
        kestrel.Listen(address, ports.Management, listen => listen.Protocols = HttpProtocols.Http1);
    }

    private static IPAddress ParseAddress(string bindAddress) => bindAddress switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "0.0.0.0" => IPAddress.Any,
        _ => IPAddress.TryParse(bindAddress, out var parsed)
            ? parsed
            : throw new ArgumentException($"Mosaic:BindAddress '{bindAddress}' is not an IP address; use 127.0.0.1 or 0.0.0.0."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a connection to the API listener: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary>The ports this instance listens on; the management port is how requests are told apart.</summary>
public sealed record ListenerPorts(int Api, int Management);
