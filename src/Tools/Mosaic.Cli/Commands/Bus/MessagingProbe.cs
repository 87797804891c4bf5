using System.Text.Json;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>Asks every instance of the manifest, all at once, for the <c>messaging</c> part of its <c>/info</c>.</summary>
public sealed class MessagingProbe(HttpClient client)
{
    public async Task<IReadOnlyList<InstanceMessaging>> ProbeAsync(SystemManifest manifest, string environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var probes = manifest.StartOrder()
            .SelectMany(service => service.AllInstances())
            .Select(instance => ProbeAsync(instance, environment, cancellationToken));
        return await Task.WhenAll(probes);
    }

    private async Task<InstanceMessaging> ProbeAsync(ServiceInstance instance, string environment, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var response = await client.GetAsync(new Uri(instance.ManagementAddress, "/info"), cancellationToken);
            if (!response.IsSuccessStatusCode) return Row(instance, MessagingState.NotAnswering);
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return Row(instance, MessagingState.NotRunning);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Row(instance, MessagingState.NotAnswering);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return Read(instance, environment, document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return Row(instance, MessagingState.NotAnswering); // something answers on the port, but not a service's /info
        }
    }

    private static InstanceMessaging Read(ServiceInstance instance, string environment, JsonElement info)
    {
        if (String(info, "environment") != environment) return Row(instance, MessagingState.OtherEnvironment);
        if (!info.TryGetProperty("messaging", out var messaging) || messaging.ValueKind != JsonValueKind.Object)
            return Row(instance, MessagingState.NoMessaging);

        long? backlog = null;
        double? oldest = null;
        if (messaging.TryGetProperty("outbox", out var outbox) && outbox.ValueKind == JsonValueKind.Object)
        {
            if (outbox.TryGetProperty("backlog", out var b) && b.ValueKind == JsonValueKind.Number) backlog = b.GetInt64();
            if (outbox.TryGetProperty("oldestAgeSeconds", out var o) && o.ValueKind == JsonValueKind.Number) oldest = o.GetDouble();
        }
        return new InstanceMessaging(
            instance.Service, instance.Index, MessagingState.Running,
            String(messaging, "transport"), String(messaging, "queue"),
            Strings(messaging, "publishes"), Strings(messaging, "consumes"),
            backlog, oldest);
    }

    private static InstanceMessaging Row(ServiceInstance instance, MessagingState state) =>
        new(instance.Service, instance.Index, state, null, null, [], [], null, null);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
