using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// Not ready until the service's queue is declared and its consumer runs (so nothing is published to
/// it before its bindings exist), not ready while the relay cannot reach the transport, and not ready
/// while a broker transport has no connection.
/// </summary>
internal sealed class MessagingReadiness(IMessageTransport transport) : IHealthCheck
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
            transport is IBrokerConnection { IsConnected: false } broker ? HealthCheckResult.Unhealthy($"Not connected to the message broker at {broker.Endpoint}.")
            : consumerExpected && !consuming ? HealthCheckResult.Unhealthy("The message consumer has not started.")
            : publishFailing ? HealthCheckResult.Unhealthy("The outbox relay cannot reach the message transport.")
            : HealthCheckResult.Healthy());
}
