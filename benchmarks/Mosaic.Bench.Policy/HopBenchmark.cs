using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.ServiceClients;

namespace Mosaic.Bench.Policy;

/// <summary>
/// One hop, <c>shop</c> → <c>stock</c> through the platform's internal client, at a fixed arrival rate
/// with pooled connections: plain HTTP with no policy, then mutual TLS with the policy checked on both
/// ends, alternating for several rounds. Latency is measured from each request's due time.
/// </summary>
internal static class HopBenchmark
{
    public static async Task RunAsync(int rate, TimeSpan duration, TimeSpan warmUp, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("mosaic-hop-bench-").FullName;
        try
        {
            var pki = WritePki(folder);
            var policy = Path.Combine(folder, "policy.yaml");
            await File.WriteAllTextAsync(policy, """
                calls:
                  - from: shop
                    to: stock
                    allow:
                      - GET /items/*
                """);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"One hop shop -> stock through the internal client, {rate} req/s for {duration.TotalSeconds:0} s after {warmUp.TotalSeconds:0} s of warm-up, {rounds} rounds"));
            Console.WriteLine($"{"mode",-22} {"round",5} {"sent",7} {"failed",6} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8}");
            var plain = new List<HopResult>();
            var secure = new List<HopResult>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var mutualTls in new[] { false, true })
                {
                    var result = await RunOnceAsync(folder, pki, mutualTls ? policy : null, mutualTls, rate, duration, warmUp);
                    (mutualTls ? secure : plain).Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(mutualTls ? "mutual TLS + policy" : "plain HTTP"),-22} {round,5} {result.Sent,7} {result.Failed,6} {result.P50,8:0.000} {result.P90,8:0.000} {result.P99,8:0.000} {result.Max,8:0.000}"));
                }
            }
            var addedP50 = Median(secure.Select(r => r.P50)) - Median(plain.Select(r => r.P50));
            var addedP99 = Median(secure.Select(r => r.P99)) - Median(plain.Select(r => r.P99));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"added by mutual TLS + policy (median of rounds): p50 {addedP50:+0.000;-0.000} ms, p99 {addedP99:+0.000;-0.000} ms (goal: p99 at most +0.300 ms) -> {(addedP99 <= 0.3 ? "met" : "NOT met")}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HopResult> RunOnceAsync(string folder, PkiDirectory pki, string? policy, bool mutualTls, int rate, TimeSpan duration, TimeSpan warmUp)
    {
        var stockPort = FreePort();
        var manifest = Path.Combine(folder, "mosaic.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            name: bench
            services:
              stock:
                project: src/stock
                port: {stockPort}
                managementPort: {FreePort()}
              shop:
                project: src/shop
                port: {FreePort()}
                managementPort: {FreePort()}
            """);
        await using var stock = await StartAsync("stock", manifest, pki, policy, mutualTls, app => app.MapGet("/items/{id}", (string id) => Results.Ok(new { id, available = 3 })));
        await using var shop = await StartAsync("shop", manifest, pki, policy, mutualTls, _ => { });
        var clients = shop.Services.GetRequiredService<IServiceClientFactory>();
        using var client = clients.CreateClient("stock");

        await PacedAsync(client, rate, warmUp, record: null);
        var latencies = new List<double>(capacity: (int)(rate * duration.TotalSeconds) + 16);
        var failed = await PacedAsync(client, rate, duration, latencies);
        latencies.Sort();
        return new HopResult(latencies.Count + failed, failed, Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies.Count == 0 ? 0 : latencies[^1]);
    }

    /// <summary>Starts requests on a fixed schedule, whatever the answers do; returns how many failed.</summary>
    private static async Task<int> PacedAsync(HttpClient client, int rate, TimeSpan duration, List<double>? record)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        var failed = 0;
        var gate = new object();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
        var next = 0;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            for (; next < total && start + (long)(next * ticksPerRequest) <= now; next++)
            {
                var due = start + (long)(next * ticksPerRequest);
                var id = next;
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var response = await client.GetAsync($"items/{id}");
                        await response.Content.ReadAsByteArrayAsync();
                        var elapsed = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                        lock (gate)
                        {
                            if (response.StatusCode != HttpStatusCode.OK) failed++;
                            else record?.Add(elapsed);
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        lock (gate) failed++;
                    }
                }));
            }
            await timer.WaitForNextTickAsync();
        }
        await Task.WhenAll(inFlight);
        return failed;
    }

    private static async Task<WebApplication> StartAsync(string service, string manifest, PkiDirectory pki, string? policy, bool mutualTls, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Manifest"] = manifest,
            ["Mosaic:StateDirectory"] = Path.GetDirectoryName(manifest),
            ["Mosaic:Environment"] = "bench",
            ["Mosaic:Security:MutualTls"] = mutualTls ? "true" : "false",
            ["Mosaic:Security:CertificateDirectory"] = pki.Path,
            ["Mosaic:Security:Policy"] = policy,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddMosaic(service);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static PkiDirectory WritePki(string folder)
    {
        var pki = new PkiDirectory(Path.Combine(folder, "pki"));
        Directory.CreateDirectory(pki.Path);
        using var authority = CertificateAuthority.Create("bench", "bench", DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        File.WriteAllText(pki.AuthorityCertificate, authority.CertificatePem());
        foreach (var name in new[] { "stock", "shop" })
        {
            using var certificate = authority.Issue(new SpiffeId("bench", "bench", name), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(2));
            pki.WriteIdentity(name, certificate);
        }
        return pki;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed record HopResult(int Sent, int Failed, double P50, double P90, double P99, double Max);
}
