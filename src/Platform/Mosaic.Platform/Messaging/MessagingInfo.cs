using Mosaic.Platform.Management;
using Mosaic.Platform.Messaging.Outbox;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging;

/// <summary>The <c>messaging</c> part of <c>/info</c>: transport, queue, event types and the outbox backlog.</summary>
internal sealed class MessagingInfo(IMessageTransport transport, MessagingRegistry registry, OutboxStatistics outbox, string queue, TimeProvider time) : IInfoContributor
{
    public void Contribute(IDictionary<string, object?> info) =>
        info["messaging"] = new
        {
            transport = transport.Name,
            broker = (transport as IBrokerConnection)?.Endpoint,
            queue = registry.Consumed.Count > 0 ? queue : null,
            publishes = registry.Published.Values.Select(n => n.RoutingKey).Order(StringComparer.Ordinal).ToList(),
            consumes = registry.Consumed.Keys.Order(StringComparer.Ordinal).ToList(),
            outbox = new
            {
                backlog = outbox.Backlog,
                oldestAgeSeconds = Math.Round(outbox.OldestAge(time.GetUtcNow()).TotalSeconds, 3),
            },
        };
}
