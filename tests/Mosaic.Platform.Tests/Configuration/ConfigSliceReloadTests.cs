using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.Configuration;

/// <summary>A service on its slice: what it starts with, a good change applied live, a bad one refused with the last good values kept.</summary>
public sealed class ConfigSliceReloadTests : IAsyncLifetime
{
    private const string ApiKey = "slice-secret-8f3a";
    private readonly string folder = Directory.CreateTempSubdirectory("mosaic-slice-test-").FullName;
    private readonly LogCapture logs = new();
    private TestService service = null!;

    private string SlicePath => Path.Combine(folder, "demo.json");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        WriteSlice("v1", limit: 10);
        service = await StartAsync(SlicePath);
    }

    private Task<TestService> StartAsync(string slice) =>
        TestService.StartAsync("demo", app => app.MapGet("/demo", (IOptionsMonitor<DemoSettings> options) => Results.Json(options.CurrentValue)),
            new Dictionary<string, string?> { [SettingsSetup.ConfigSliceKey] = slice },
            configure: builder =>
            {
                builder.AddSettings<DemoSettings>(DemoSettings.Section);
                builder.Logging.AddProvider(logs);
            });

    public async ValueTask DisposeAsync()
    {
        await service.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private void WriteSlice(string version, object limit, string? path = null)
    {
        var slice = new
        {
            environment = "test",
            service = "demo",
            version,
            values = new Dictionary<string, string>
            {
                ["Demo:Settings:Limit"] = Convert.ToString(limit, System.Globalization.CultureInfo.InvariantCulture)!,
                ["Demo:Settings:ApiKey"] = ApiKey,
                ["Demo:Settings:Nested:Host"] = "example.org",
            },
            secrets = new[] { "Demo:Settings:ApiKey" },
        };
        var target = path ?? SlicePath;
        var temporary = target + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(slice));
        File.Move(temporary, target, overwrite: true);
    }

    private async Task<JsonElement> SettingsAsync() => await service.Api.GetFromJsonAsync<JsonElement>("/demo", Cancel);

    private async Task<string?> VersionAsync() =>
        (await service.Management.GetFromJsonAsync<JsonElement>("/info", Cancel)).GetProperty("configVersion").GetString();

    private async Task<string> MetricsAsync() => await service.Management.GetStringAsync("/metrics", Cancel);

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 15 s: {what}");
            await Task.Delay(100, Cancel);
        }
    }

    [Fact]
    public async Task The_service_runs_on_its_slice_and_reports_its_version()
    {
        Assert.Equal(10, (await SettingsAsync()).GetProperty("limit").GetInt32());
        Assert.Equal("v1", await VersionAsync());
        Assert.Contains("mosaic_config_version{", await MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_change_applies_without_a_restart()
    {
        WriteSlice("v2", limit: 42);

        await EventuallyAsync(async () => (await SettingsAsync()).GetProperty("limit").GetInt32() == 42, "the new limit applies");
        Assert.Equal("v2", await VersionAsync());
        Assert.Matches("mosaic_config_reloads_total\\{[^}]*result=\"applied\"[^}]*\\} 1", await MetricsAsync());
    }

    [Fact]
    public async Task A_bad_change_is_rejected_and_the_last_good_values_stay()
    {
        WriteSlice("v3", limit: 1000);

        await EventuallyAsync(async () => (await MetricsAsync()).Contains("result=\"rejected\"", StringComparison.Ordinal), "the rejection is counted");
        Assert.Equal(10, (await SettingsAsync()).GetProperty("limit").GetInt32());
        Assert.Equal("v1", await VersionAsync());
        var rejection = Assert.Single(logs.Entries, e => e.Contains("rejected", StringComparison.Ordinal));
        Assert.Contains("Demo:Settings:Limit", rejection, StringComparison.Ordinal);

        // Fixed again: the next good slice applies.
        WriteSlice("v4", limit: 11);
        await EventuallyAsync(async () => (await SettingsAsync()).GetProperty("limit").GetInt32() == 11, "the corrected slice applies");
    }

    [Fact]
    public async Task The_secret_shows_nowhere_the_service_reports()
    {
        WriteSlice("v5", limit: 1000);
        await EventuallyAsync(async () => (await MetricsAsync()).Contains("result=\"rejected\"", StringComparison.Ordinal), "the rejection is counted");

        var shown = string.Join("\n",
            (await SettingsAsync()).ToString(),
            await service.Management.GetStringAsync("/info", Cancel),
            await MetricsAsync(),
            string.Join("\n", logs.Entries));
        Assert.DoesNotContain(ApiKey, shown, StringComparison.Ordinal);
        Assert.Equal("***", (await SettingsAsync()).GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task A_slice_that_does_not_validate_stops_the_start_naming_the_key()
    {
        var bad = Path.Combine(folder, "bad.json");
        WriteSlice("v9", limit: "many", path: bad);

        var error = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartAsync(bad));

        Assert.Contains("Demo:Settings:Limit", error.Message, StringComparison.Ordinal);
    }
}
