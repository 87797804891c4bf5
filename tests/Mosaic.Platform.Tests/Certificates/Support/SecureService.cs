using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Hosting;
using Mosaic.Tests.Shared;

namespace Mosaic.Platform.Tests.Certificates.Support;

/// <summary>
/// A real service named <c>stock</c> with mutual TLS on its API listener, in an environment of its own:
/// a fresh authority, certificates for <c>stock</c>, <c>shop</c> and <c>audit</c>, and a policy that lets
/// <c>shop</c> read items and <c>stock</c> call <c>shop</c>'s prices. Tests call it as any identity.
/// </summary>
internal sealed class SecureService : IAsyncDisposable
{
    public const string TrustDomain = "test-shop";
    public const string Environment = "test";

    private readonly StrongBox<int> secretReads;

    private SecureService(string folder, WebApplication app, int port, int managementPort, CertificateAuthority authority, LogCapture logs, StrongBox<int> secretReads)
    {
        this.secretReads = secretReads;
        Folder = folder;
        App = app;
        Port = port;
        ManagementPort = managementPort;
        Authority = authority;
        Logs = logs;
    }

    public string Folder { get; }

    public WebApplication App { get; }

    public int Port { get; }

    public int ManagementPort { get; }

    public CertificateAuthority Authority { get; }

    public LogCapture Logs { get; }

    public PkiDirectory Pki => new(Path.Combine(Folder, "pki"));

    /// <summary>How many times the endpoint the policy forbids to everyone actually ran.</summary>
    public int SecretReads => Volatile.Read(ref secretReads.Value);

    public static string DefaultPolicy(string mode = "enforce") => $"""
        mode: {mode}
        calls:
          - from: shop
            to: stock
            allow:
              - GET /items/*
          - from: stock
            to: shop
            allow:
              - GET /prices/*
        """;

    public static async Task<SecureService> StartAsync(string? policy = null, Action<WebApplication>? mapMore = null)
    {
        var folder = Directory.CreateTempSubdirectory("mosaic-mtls-test-").FullName;
        var port = FreePort.Next();
        var managementPort = FreePort.Next();
        var shopPort = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(folder, "mosaic.yaml"), $"""
            name: {TrustDomain}
            services:
              stock:
                project: src/stock
                port: {port}
                managementPort: {managementPort}
              shop:
                project: src/shop
                port: {shopPort}
                managementPort: {FreePort.Next()}
              audit:
                project: src/audit
                port: {FreePort.Next()}
                managementPort: {FreePort.Next()}
            """);
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        await File.WriteAllTextAsync(Path.Combine(folder, "policies", "policy.yaml"), policy ?? DefaultPolicy());

        // Valid since two days ago, so that a test can issue a certificate that has already expired.
        var authority = CertificateAuthority.Create(TrustDomain, Environment, DateTimeOffset.UtcNow.AddDays(-2), TimeSpan.FromDays(4));
        var pki = new PkiDirectory(Path.Combine(folder, "pki"));
        Directory.CreateDirectory(pki.Path);
        await File.WriteAllTextAsync(pki.AuthorityCertificate, authority.CertificatePem());
        foreach (var name in new[] { "stock", "shop", "audit" })
        {
            using var certificate = authority.Issue(Id(name), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
            pki.WriteIdentity(name, certificate);
        }

        var logs = new LogCapture();
        var reads = new StrongBox<int>();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Manifest"] = Path.Combine(folder, "mosaic.yaml"),
            ["Mosaic:StateDirectory"] = folder,
            ["Mosaic:Environment"] = Environment,
            ["Mosaic:Security:CertificateDirectory"] = pki.Path,
        });
        builder.AddMosaic("stock");
        builder.Logging.AddProvider(logs);
        var app = builder.Build();
        app.MapGet("/items/{id}", (string id) => Results.Ok(new { id }));
        app.MapGet("/admin/secret", () =>
        {
            Interlocked.Increment(ref reads.Value);
            return Results.Ok("secret");
        });
        mapMore?.Invoke(app);
        await app.StartAsync();
        return new SecureService(folder, app, port, managementPort, authority, logs, reads);
    }

    public static SpiffeId Id(string name, string environment = Environment, string trustDomain = TrustDomain) => new(trustDomain, environment, name);

    public X509Certificate2 CertificateOf(string name) =>
        X509Certificate2.CreateFromPemFile(Pki.CertificateOf(name), Pki.KeyOf(name));

    /// <summary>An HTTPS client presenting <paramref name="certificate"/> (or none) that trusts this environment's authority only.</summary>
    public HttpClient ClientWith(X509Certificate2? certificate, Action<X509Certificate2>? serverSeen = null)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = ClientOptions(certificate, serverSeen),
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{Port}") };
    }

    /// <summary>
    /// Sends <paramref name="target"/> exactly as written (no URI normalisation on this side) over a fresh
    /// TLS connection as <paramref name="certificate"/>; returns the status code, or 0 when the connection failed.
    /// </summary>
    public async Task<int> RawGetAsync(X509Certificate2 certificate, string target)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(ClientOptions(certificate, null));
        var request = Encoding.UTF8.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await tls.WriteAsync(request);
        using var reader = new StreamReader(tls, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync() ?? "";
        var parts = statusLine.Split(' ');
        return parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : 0;
    }

    private SslClientAuthenticationOptions ClientOptions(X509Certificate2? certificate, Action<X509Certificate2>? serverSeen) => new()
    {
        TargetHost = "stock",
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = [SslApplicationProtocol.Http11],
        LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate!,
        RemoteCertificateValidationCallback = (_, server, _, _) =>
        {
            if (server is X509Certificate2 seen) serverSeen?.Invoke(seen);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Authority.Certificate);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return server is X509Certificate2 s && chain.Build(s);
        },
    };

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Authority.Dispose();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { }
    }
}
