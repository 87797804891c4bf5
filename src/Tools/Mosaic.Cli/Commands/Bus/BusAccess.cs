using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.RabbitMq;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>Opens an environment's bus for inspection, without creating one where none exists.</summary>
public static class BusAccess
{
    /// <summary>
    /// The bus of <paramref name="settings"/>: on RabbitMQ, the broker with the queues of the manifest's
    /// services (a consuming service's queue bears its name; AMQP cannot list queues); on the embedded
    /// transport, the environment's bus file, or null when there is no file yet (nothing has been declared
    /// or published): opening a missing file would create an empty bus, which would then look like one that was drained.
    /// </summary>
    public static InspectedBus? OpenExisting(MosaicWorkspace workspace, BusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Broker is { } broker)
        {
            var queues = workspace.LoadManifest().Services.Keys;
            var transport = new RabbitMqTransport(
                new RabbitMqOptions { Uri = broker.Uri.AbsoluteUri },
                string.Create(CultureInfo.InvariantCulture, $"mosaic-cli-{Environment.ProcessId}"),
                TimeProvider.System,
                NullLogger<RabbitMqTransport>.Instance,
                queues);
            return InspectedBus.OnBroker(transport, transport.Endpoint, broker);
        }
        if (!settings.IsEmbedded)
            throw new CliException($"Mosaic:Messaging:Transport is '{settings.Transport}', and mosaic bus knows no broker for it: the transports are embedded and rabbitmq.");
        if (!File.Exists(settings.EmbeddedPath)) return null;
        var embedded = new EmbeddedTransport(
            new EmbeddedTransportOptions { Path = settings.EmbeddedPath },
            TimeProvider.System,
            $"mosaic-cli/{Environment.ProcessId}/{Guid.NewGuid():N}",
            NullLogger<EmbeddedTransport>.Instance);
        return InspectedBus.OnFile(embedded, settings.EmbeddedPath, workspace.Display(settings.EmbeddedPath));
    }

    /// <summary>The sentence for an environment without a bus file; <paramref name="consequence"/> says what that means for the command.</summary>
    public static string NoBus(MosaicWorkspace workspace, BusSettings settings, string consequence)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        return $"There is no bus in '{workspace.Environment}' yet ({workspace.Display(settings.EmbeddedPath)} does not exist), so {consequence}: the services create it when they start (./mosaic up -e {workspace.Environment}).";
    }
}
