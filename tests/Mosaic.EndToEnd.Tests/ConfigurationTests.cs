using System.Net.Http.Json;
using System.Text.Json;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// What <c>./mosaic up</c> gives each service from environments/: its own slice, its own secrets
/// and nothing else, with no secret value in any log line of the run.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ConfigurationTests(MosaicSystem system) : IDisposable
{
    private static readonly string[] Services = ["identity", "catalog", "orders", "payments", "payment-provider", "gateway"];
    private readonly OrderShop shop = new(system.Environment);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => shop.Dispose();

    private JsonElement Slice(string service) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(system.StateDirectory, "config", $"{service}.json"))).RootElement;

    /// <summary>Every secret value any slice carries, by the service whose slice it is.</summary>
    private Dictionary<string, List<string>> SecretValues() => Services.ToDictionary(s => s, s =>
    {
        var slice = Slice(s);
        return slice.GetProperty("secrets").EnumerateArray().Select(key => slice.GetProperty("values").GetProperty(key.GetString()!).GetString()!).ToList();
    });

    [Fact]
    public async Task Every_service_runs_the_version_of_its_slice()
    {
        using var http = new HttpClient();
        var manifest = Platform.Manifest.ManifestLoader.Load(Path.Combine(MosaicSystem.Root, "mosaic.yaml"));
        foreach (var service in Services)
        {
            var expected = Slice(service).GetProperty("version").GetString();
            foreach (var instance in manifest.GetService(service).AllInstances())
            {
                var info = await http.GetFromJsonAsync<JsonElement>(new Uri(instance.ManagementAddress, "/info"), Ct);
                Assert.Equal(expected, info.GetProperty("configVersion").GetString());
            }
        }
    }

    [Fact]
    public async Task Drift_finds_every_instance_on_what_the_repository_renders()
    {
        var (exitCode, output) = await MosaicSystem.RunAsync("env", "drift", "--environment", system.Environment);

        Assert.True(exitCode == 0, output);
        Assert.Contains("runs the configuration 'dev' renders now", output, StringComparison.Ordinal);
        Assert.Equal(7, output.Split('\n').Count(line => line.Contains("in sync", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_built_services_export_the_schemas_that_are_committed()
    {
        // ./mosaic up built them in Release; each is asked for its schema (--Mosaic:ExportConfigSchema) and compared.
        var (exitCode, output) = await MosaicSystem.RunAsync("env", "schema", "--check", "--no-build");

        Assert.True(exitCode == 0, output);
        foreach (var service in Services)
            Assert.Contains($"{service}: contracts/config/{service}.schema.json is current.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_reaches_only_the_services_that_declare_it()
    {
        var secrets = SecretValues();
        var merchantKey = Assert.Single(secrets["payments"]);
        Assert.Equal([merchantKey], secrets["payment-provider"]);
        foreach (var service in new[] { "identity", "catalog", "orders", "gateway" })
        {
            Assert.Empty(secrets[service]);
            Assert.DoesNotContain(merchantKey, File.ReadAllText(Path.Combine(system.StateDirectory, "config", $"{service}.json")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_secret_value_is_in_any_log_line_of_the_run()
    {
        // A paid order: payments presents the merchant key to the provider, which checks it.
        var product = await shop.NewProductAsync(stock: 3);
        var order = await shop.TerminalAsync(await shop.PlaceAcceptedAsync(product, 1, "tok_ok"), TimeSpan.FromSeconds(60));
        Assert.Equal("Confirmed", order.GetProperty("status").GetString());

        var secrets = SecretValues().Values.SelectMany(v => v).Distinct().ToList();
        Assert.NotEmpty(secrets);
        var logs = Directory.GetFiles(Path.Combine(system.StateDirectory, "logs"), "*.log");
        Assert.Contains(logs, log => Path.GetFileName(log).StartsWith("payments-", StringComparison.Ordinal));
        foreach (var log in logs)
        {
            var lines = await File.ReadAllLinesAsync(log, Ct);
            foreach (var secret in secrets)
                Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
        foreach (var secret in secrets)
            Assert.DoesNotContain(secret, system.UpOutput, StringComparison.Ordinal);
    }
}
