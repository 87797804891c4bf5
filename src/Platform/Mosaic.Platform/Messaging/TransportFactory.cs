using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.RabbitMq;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging;

/// <summary>Builds the transport that <c>Mosaic:Messaging:Transport</c> names.</summary>
public static class TransportFactory
{
    public const string Embedded = "embedded";
    public const string RabbitMq = "rabbitmq";

    /// <summary>The embedded transport's file for an environment's state folder, shared by all its services and by <c>mosaic bus</c>.</summary>
    public static string DefaultEmbeddedPath(string stateDirectory) => Path.GetFullPath(Path.Combine(stateDirectory, "bus", "bus.db"));

    internal static IMessageTransport Create(IServiceProvider services)
    {
        var messaging = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        var mosaic = services.GetRequiredService<IOptions<MosaicOptions>>().Value;
        var identity = services.GetRequiredService<ServiceIdentity>();
        return messaging.Transport.ToLowerInvariant() switch
        {
            Embedded => new EmbeddedTransport(
                new EmbeddedTransportOptions { Path = messaging.EmbeddedPath ?? DefaultEmbeddedPath(mosaic.StateDirectory) },
                services.GetRequiredService<TimeProvider>(),
                $"{identity.InstanceId}/{Guid.NewGuid():N}",
                services.GetRequiredService<ILogger<EmbeddedTransport>>()),
            RabbitMq => new RabbitMqTransport(
                messaging.RabbitMq,
                identity.InstanceId,
                services.GetRequiredService<TimeProvider>(),
                services.GetRequiredService<ILogger<RabbitMqTransport>>()),
            _ => throw new OptionsValidationException(MessagingOptions.Section, typeof(MessagingOptions),
                [$"Mosaic:Messaging:Transport is '{messaging.Transport}'; the transports are: {Embedded}, {RabbitMq}."]),
        };
    }
}
