using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Cli.Supervisor;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Commands.Status;

/// <summary>Asks every instance of the manifest, all at once, whether it is ready and what it runs.</summary>
public sealed class StatusProbe(HttpClient client)
{
    /// <param name="environment">Only instances reporting this environment in <c>/info</c> count as ready: every environment shares the manifest's ports.</param>
    public async Task<IReadOnlyList<InstanceStatus>> ProbeAsync(SystemManifest manifest, string environment, RunRecord? running, CancellationToken cancellationToken)
    {
        var pids = (running?.Instances ?? [])
            .Where(i => i.Process.IsAlive)
            .ToDictionary(i => i.Id, i => i.Process.Pid, StringComparer.Ordinal);
        var probes = manifest.StartOrder()
            .SelectMany(service => service.AllInstances())
            .Select(instance => ProbeAsync(instance, environment, pids.TryGetValue(instance.Id, out var pid) ? pid : null, cancellationToken));
        return await Task.WhenAll(probes);
    }

    private async Task<InstanceStatus> ProbeAsync(ServiceInstance instance, string environment, int? pid, CancellationToken cancellationToken)
    {
        var state = await ReadinessAsync(instance, cancellationToken);
        var info = state == InstanceState.Down ? null : await InfoAsync(instance, cancellationToken);
        if (state == InstanceState.Ready && info?.Environment != environment) state = InstanceState.OtherEnvironment;
        return new InstanceStatus(
            instance.Service, instance.Index, pid ?? info?.ProcessId, instance.Port, instance.ManagementPort,
            state, info?.Version, info?.UptimeSeconds,
            info?.Database is { Provider: { } provider, Location: { } location } ? new InstanceDatabase(provider, location) : null,
            info?.Messaging?.Transport);
    }

    private async Task<InstanceState> ReadinessAsync(ServiceInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(instance.ManagementAddress, "/health/ready"), cancellationToken);
            return response.IsSuccessStatusCode ? InstanceState.Ready : InstanceState.NotReady;
        }
        catch (HttpRequestException)
        {
            return InstanceState.Down;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InstanceState.NotReady; // something holds the port but does not answer in time
        }
    }

    private async Task<ServiceInfo?> InfoAsync(ServiceInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFromJsonAsync<ServiceInfo>(new Uri(instance.ManagementAddress, "/info"), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or NotSupportedException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null; // the readiness column already tells the story; version and uptime stay blank
        }
    }

    private sealed record ServiceInfo(string? Version, double? UptimeSeconds, int? ProcessId, string? Environment, DatabaseInfo? Database, MessagingInfo? Messaging);

    private sealed record DatabaseInfo(string? Provider, string? Location);

    private sealed record MessagingInfo(string? Transport);
}
