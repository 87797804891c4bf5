using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// Not ready until the service's queue is declared and its consumer runs (so nothing is published to
/// it before its bindings exist), and not ready while the relay cannot reach the transport.
/// </summary>
internal sealed class MessagingReadiness : IHealthCheck
{
    private volatile bool consumerExpected;
    private volatile bool consuming;
    private volatile bool publishFailing;

    public void ExpectConsumer() => consumerExpected = true;

    public void Consuming(bool running) => consuming = running;

    public void PublishSucceeded() => publishFailing = false;

    public void PublishFailed() => publishFailing = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            consumerExpected && !consuming ? HealthCheckResult.Unhealthy("The message consumer has not started.")
            : publishFailing ? HealthCheckResult.Unhealthy("The outbox relay cannot reach the message transport.")
            : HealthCheckResult.Healthy());
}
