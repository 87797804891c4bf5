using System.Text.Json;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Commands.Env;

/// <summary>What an instance's <c>/info</c> says about its configuration; null fields where it did not answer or does not say.</summary>
internal sealed record RunningConfig(bool Reachable, string? Environment, string? ConfigVersion);

/// <summary>Reads <c>configVersion</c> (and <c>environment</c>) from an instance's management <c>/info</c>.</summary>
internal sealed class ConfigVersionProbe(HttpClient client)
{
    public async Task<RunningConfig> ReadAsync(ServiceInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(instance.ManagementAddress, "/info"), cancellationToken);
            if (!response.IsSuccessStatusCode) return new RunningConfig(false, null, null);
            using var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return new RunningConfig(true, Text(info.RootElement, "environment"), Text(info.RootElement, "configVersion"));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new RunningConfig(false, null, null);
        }
    }

    private static string? Text(JsonElement info, string name) =>
        info.ValueKind == JsonValueKind.Object && info.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
