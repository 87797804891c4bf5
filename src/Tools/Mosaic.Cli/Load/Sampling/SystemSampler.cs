using Mosaic.Cli.Supervisor;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Load.Sampling;

/// <summary>
/// Reads every service's counters: CPU time from <c>/proc/PID/stat</c> of each instance <c>mosaic up</c>
/// recorded, and request durations from each instance's management <c>/metrics</c> (plain HTTP).
/// An instance that does not answer counts as zero for that reading.
/// </summary>
public sealed class SystemSampler(HttpClient management, SystemManifest manifest, string runFilePath)
{
    private const string RequestDuration = "http_server_request_duration_seconds";
    private const string UpstreamDuration = "mosaic_gateway_upstream_duration_seconds";
    private static readonly long ClockTicks = 100; // USER_HZ on Linux

    public async Task<IReadOnlyDictionary<string, ServiceReading>> ReadAsync(CancellationToken cancellationToken)
    {
        var pids = (RunFile.Read(runFilePath)?.Instances ?? [])
            .ToDictionary(i => i.Id, i => i.Process.Pid, StringComparer.Ordinal);
        var instances = manifest.StartOrder().SelectMany(s => s.AllInstances()).ToList();
        var readings = await Task.WhenAll(instances.Select(async instance =>
        {
            var cpu = pids.TryGetValue(instance.Id, out var pid) ? CpuSeconds(pid) : 0;
            var (sum, count, upSum, upCount) = await MetricsAsync(instance, cancellationToken);
            return new ServiceReading(instance.Service, cpu, sum, count, upSum, upCount);
        }));
        return readings.GroupBy(r => r.Service, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new ServiceReading(g.Key, g.Sum(r => r.CpuSeconds), g.Sum(r => r.RequestSeconds), g.Sum(r => r.Requests), g.Sum(r => r.UpstreamSeconds), g.Sum(r => r.UpstreamRequests)),
            StringComparer.Ordinal);
    }

    /// <summary>User plus system CPU seconds of a process (fields 14 and 15 of its stat line), 0 when it is gone.</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / (double)ClockTicks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return 0;
        }
    }

    private async Task<(double Sum, double Count, double UpstreamSum, double UpstreamCount)> MetricsAsync(ServiceInstance instance, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await management.GetStringAsync(new Uri(instance.ManagementAddress, "/metrics"), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (0, 0, 0, 0);
        }
        double sum = 0, count = 0, upSum = 0, upCount = 0;
        foreach (var sample in PrometheusText.Parse(text))
        {
            // The management listener's own routes (this scrape among them) are not the service's work.
            if (sample.Name.StartsWith(RequestDuration, StringComparison.Ordinal) && IsManagement(sample.Label("http_route"))) continue;
            switch (sample.Name)
            {
                case RequestDuration + "_sum": sum += sample.Value; break;
                case RequestDuration + "_count": count += sample.Value; break;
                case UpstreamDuration + "_sum": upSum += sample.Value; break;
                case UpstreamDuration + "_count": upCount += sample.Value; break;
            }
        }
        return (sum, count, upSum, upCount);
    }

    private static bool IsManagement(string? route) =>
        route is not null && (route.StartsWith("/health", StringComparison.Ordinal) || route is "/metrics" or "/info");
}
