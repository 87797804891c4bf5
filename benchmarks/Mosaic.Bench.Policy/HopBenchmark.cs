using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mosaic.Cli.Load.Scheduling;
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
            Console.WriteLine("Latency from each request's due time (pacer lateness included), then from the moment it was sent (the hop alone).");
            Console.WriteLine($"{"mode",-22} {"round",5} {"sent",7} {"failed",6} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"max ms",8} | {"sent→p50",9} {"p90",7} {"p99",7} {"max",7}");
            var plain = new List<HopResult>();
            var secure = new List<HopResult>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var mutualTls in new[] { false, true })
                {
                    var result = await RunOnceAsync(folder, pki, mutualTls ? policy : null, mutualTls, rate, duration, warmUp);
                    (mutualTls ? secure : plain).Add(result);
                    var (due, sent) = (result.FromDue, result.FromSend);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(mutualTls ? "mutual TLS + policy" : "plain HTTP"),-22} {round,5} {result.Sent,7} {result.Failed,6} {due.P50,8:0.000} {due.P90,8:0.000} {due.P99,8:0.000} {due.Max,8:0.000} | {sent.P50,9:0.000} {sent.P90,7:0.000} {sent.P99,7:0.000} {sent.Max,7:0.000}"));
                }
            }
            var met = true;
            foreach (var (label, pick) in new (string, Func<HopResult, Summary>)[] { ("from due time", r => r.FromDue), ("from send", r => r.FromSend) })
            {
                var addedP50 = Median(secure.Select(r => pick(r).P50)) - Median(plain.Select(r => pick(r).P50));
                var addedP99 = Median(secure.Select(r => pick(r).P99)) - Median(plain.Select(r => pick(r).P99));
                met &= addedP99 <= 0.3;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"added by mutual TLS + policy, {label} (median of rounds): p50 {addedP50:+0.000;-0.000} ms, p99 {addedP99:+0.000;-0.000} ms"));
            }
            Console.WriteLine($"goal: p99 at most +0.300 ms per hop, measured both ways -> {(met ? "met" : "NOT met")}");
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
        var latencies = new Latencies((int)(rate * duration.TotalSeconds) + 16);
        var failed = await PacedAsync(client, rate, duration, latencies);
        return new HopResult(latencies.FromDue.Count + failed, failed, Summary.Of(latencies.FromDue), Summary.Of(latencies.FromSend));
    }

    /// <summary>
    /// Starts requests on a fixed schedule, whatever the answers do, from a thread of its own that sleeps
    /// until each request's due time on the monotonic clock (the <c>mosaic load</c> generator's tick clock),
    /// so requests leave evenly spaced rather than in bursts; returns how many failed.
    /// </summary>
    private static async Task<int> PacedAsync(HttpClient client, int rate, TimeSpan duration, Latencies? record)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        var inFlight = new Task[total];
        var failed = 0;
        var gate = new object();

        async Task SendAsync(int id, long due)
        {
            try
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync($"items/{id}");
                await response.Content.ReadAsByteArrayAsync();
                var done = Stopwatch.GetTimestamp();
                lock (gate)
                {
                    if (response.StatusCode != HttpStatusCode.OK) failed++;
                    else record?.Add(Stopwatch.GetElapsedTime(due, done).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lock (gate) failed++;
            }
        }

        var pacer = new Thread(() =>
        {
            var start = Stopwatch.GetTimestamp();
            for (var next = 0; next < total; next++)
            {
                var due = start + (long)(next * ticksPerRequest);
                TickClock.SleepUntil(due);
                inFlight[next] = SendAsync(next, due);
            }
        }) { IsBackground = true, Name = "pacer" };
        pacer.Start();
        await Task.Run(pacer.Join);
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

    /// <summary>
    /// Each request's latency twice: from its due time (what a caller on a schedule sees, the pacer's own
    /// lateness included) and from the moment it was actually sent (the hop alone).
    /// </summary>
    private sealed class Latencies(int capacity)
    {
        public List<double> FromDue { get; } = new(capacity);
        public List<double> FromSend { get; } = new(capacity);

        public void Add(double fromDue, double fromSend)
        {
            FromDue.Add(fromDue);
            FromSend.Add(fromSend);
        }
    }

    private sealed record Summary(double P50, double P90, double P99, double Max)
    {
        public static Summary Of(List<double> values)
        {
            values.Sort();
            return new Summary(Percentile(values, 0.50), Percentile(values, 0.90), Percentile(values, 0.99), values.Count == 0 ? 0 : values[^1]);
        }
    }

    private sealed record HopResult(int Sent, int Failed, Summary FromDue, Summary FromSend);
}
