using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Mosaic.Platform.Hosting;

namespace Mosaic.Platform.Listeners;

/// <summary>
/// The one place a service's listeners are made: the API listener (where mutual TLS will be
/// required) and the plain management listener for probes and scrapers.
/// </summary>
internal static class ListenerSetup
{
    public static void Configure(KestrelServerOptions kestrel, MosaicOptions options, ListenerPorts ports)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);

        var address = ParseAddress(options.BindAddress);
        // HTTP/2 needs TLS to be negotiated; the API listener moves to Http1AndHttp2 when mutual TLS arrives.
        kestrel.Listen(address, ports.Api, listen => listen.Protocols = HttpProtocols.Http1);
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
}

/// <summary>The ports this instance listens on; the management port is how requests are told apart.</summary>
public sealed record ListenerPorts(int Api, int Management);
