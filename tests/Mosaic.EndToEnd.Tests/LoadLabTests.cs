using System.Globalization;
using System.Text.Json;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// <c>mosaic load</c> and <c>mosaic chaos</c> against the running system: a short load whose report is checked
/// against what the gateway itself counted, and a kill of orders mid-load after which every invariant holds.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LoadLabTests(MosaicSystem system) : IDisposable
{
    private static readonly Uri GatewayManagement = new("http://127.0.0.1:8090");
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string output = Directory.CreateTempSubdirectory("mosaic-load-lab-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(output, recursive: true);
    }

    /// <summary>Every request the gateway matched to a public route, whatever it answered, from its own metrics.</summary>
    private async Task<long> GatewayRequestsAsync()
    {
        var text = await http.GetStringAsync(new Uri(GatewayManagement, "/metrics"), Ct);
        return (long)text.Split('\n')
            .Where(line => line.StartsWith("mosaic_gateway_requests_total{", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_short_load_reports_what_it_sent_as_the_gateway_counted_it()
    {
        var before = await GatewayRequestsAsync();

        var (exitCode, text) = await MosaicSystem.RunAsync("load", "--environment", system.Environment,
            "--rate", "20", "--duration", "3s", "--settle", "0", "--connections", "8", "--output", output);
        var after = await GatewayRequestsAsync();

        Assert.True(exitCode == 0, text);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json"), Ct));
        var root = report.RootElement;
        var totals = root.GetProperty("totals");
        long Total(string name) => totals.GetProperty(name).GetInt64();
        // The open model: 20/s for 3 s is 60 starts due, and each was made (or counted as dropped).
        Assert.Equal(60, Total("due"));
        Assert.Equal(Total("due"), Total("sent") + Total("dropped"));
        Assert.Equal(Total("sent"), Total("succeeded") + Total("failed") + Total("unfinished"));
        var endpoints = root.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(Total("sent"), endpoints.Sum(e => e.GetProperty("sent").GetInt64()));
        Assert.Equal(Total("sent"), root.GetProperty("seconds").EnumerateArray().Sum(s => s.GetProperty("sent").GetInt64()));
        // What the gateway saw: the setup's requests and the measured ones, no more and no fewer.
        Assert.Equal(root.GetProperty("setupRequests").GetInt64() + Total("sent"), after - before);
        var latency = root.GetProperty("latency");
        double Ms(string name) => latency.GetProperty(name).GetDouble();
        Assert.Equal(Total("succeeded"), latency.GetProperty("count").GetInt64());
        Assert.True(Ms("p50") > 0 && Ms("p50") <= Ms("p90") && Ms("p90") <= Ms("p99") && Ms("p99") <= Ms("max"), latency.GetRawText());
        Assert.True(Ms("max") < root.GetProperty("durationSeconds").GetDouble() * 1000 + 10_000, latency.GetRawText());
        Assert.Contains("| **all** |", await File.ReadAllTextAsync(Path.Combine(output, "report.md"), Ct), StringComparison.Ordinal);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(output, "report.html"), Ct), StringComparison.Ordinal);
        Assert.Contains("p99", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warm_up_goes_first_and_stays_out_of_the_measured_figures()
    {
        var before = await GatewayRequestsAsync();

        var (exitCode, text) = await MosaicSystem.RunAsync("load", "--environment", system.Environment,
            "--rate", "20", "--duration", "2s", "--warmup", "1s", "--settle", "0", "--connections", "8", "--output", output);
        var after = await GatewayRequestsAsync();

        Assert.True(exitCode == 0, text);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "report.json"), Ct));
        var root = report.RootElement;
        var totals = root.GetProperty("totals");
        var warmup = root.GetProperty("warmup");
        Assert.Equal(40, totals.GetProperty("due").GetInt64());
        Assert.Equal((1.0, 20.0, 20L), (warmup.GetProperty("seconds").GetDouble(), warmup.GetProperty("rate").GetDouble(), warmup.GetProperty("sent").GetInt64()));
        Assert.Equal(warmup.GetProperty("sent").GetInt64(), warmup.GetProperty("succeeded").GetInt64() + warmup.GetProperty("failed").GetInt64());
        Assert.Equal(totals.GetProperty("sent").GetInt64(), root.GetProperty("seconds").EnumerateArray().Sum(s => s.GetProperty("sent").GetInt64()));
        // The gateway saw the setup, the warm-up and the measured requests.
        Assert.Equal(root.GetProperty("setupRequests").GetInt64() + warmup.GetProperty("sent").GetInt64() + totals.GetProperty("sent").GetInt64(), after - before);
        Assert.Contains("warm-up before the measured run, in none of these figures: 1 s at 20 req/s, 20 sent", await File.ReadAllTextAsync(Path.Combine(output, "report.md"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_orders_mid_load_breaks_no_invariant()
    {
        var (exitCode, text) = await MosaicSystem.RunAsync("chaos", "kill", "orders", "--environment", system.Environment,
            "--rate", "20", "--duration", "20s", "--fault-at", "5s", "--settle", "120", "--connections", "8", "--output", output);

        Assert.True(exitCode == 0, text);
        Assert.Contains("sent SIGKILL to orders-0", text, StringComparison.Ordinal);
        foreach (var invariant in new[] { "every accepted order reached a terminal state", "no order charged twice", "stock conserved", "every outbox drained", "no new dead letters" })
            Assert.Contains($"HELD: {invariant}", text, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "chaos.json"), Ct));
        var root = report.RootElement;
        Assert.True(root.GetProperty("invariantsHeld").GetBoolean());
        Assert.True(root.GetProperty("load").GetProperty("orders").GetProperty("accepted").GetInt64() > 0, "no order was placed");
        Assert.Matches(@"p50 [\d.]+, p90 [\d.]+, p99 [\d.]+", text);
    }
}
