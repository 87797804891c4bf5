using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Chaos.Experiments;

/// <summary>
/// <c>broker-restart</c> (production profile): the environment's private RabbitMQ is stopped for the
/// fault's duration and started again with the same data.
/// </summary>
public sealed class BrokerRestart : IChaosExperiment
{
    public string Title => "broker-restart";

    public string Hypothesis =>
        "While the broker is down, services keep accepting work into their outboxes and report not ready rather than fail; once it is back the outboxes drain, " +
        "consumers resume, and nothing is lost or handled twice.";

    public bool LastsForDuration => true;

    public async Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Running().Profile != RunProfile.Production)
            throw new CliException("broker-restart needs the production profile (RabbitMQ): start the system with ./mosaic up --profile production.");
        await Broker(target).StopAsync(cancellationToken);
        return "stopped RabbitMQ";
    }

    public async Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await Broker(target).StartAsync(cancellationToken);
        return "started RabbitMQ again";
    }

    private static PrivateRabbitMq Broker(ChaosTarget target) => PrivateServers.Open(target.Workspace).RequireRabbitMq();
}
