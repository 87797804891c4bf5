using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>Ready means the instance's management listener answers <c>GET /health/ready</c> with 200.</summary>
public sealed class HttpReadinessProbe(HttpClient client) : IReadinessProbe
{
    /// <summary>
    /// A readiness check runs the service's own checks (its database among them); on a busy machine that
    /// takes seconds, and cutting it short would report a healthy instance as not ready.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<bool> IsReadyAsync(ServiceInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri(instance.ManagementAddress, "/health/ready"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet, or gone
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // the probe's own timeout: a busy instance is not ready
        }
    }
}
