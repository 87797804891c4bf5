using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Platform.Messaging.Outbox;

/// <summary>Adds published events to the scope's DbContext as outbox rows; the caller's save commits them.</summary>
internal sealed class OutboxEventBus<TContext>(
    TContext db,
    MessagingRegistry registry,
    ServiceIdentity identity,
    TimeProvider time) : IEventBus
    where TContext : DbContext
{
    public void Publish<TEvent>(TEvent integrationEvent) where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (!registry.Published.TryGetValue(typeof(TEvent), out var name))
            throw new InvalidOperationException(
                $"{identity.Service} publishes a {typeof(TEvent).Name} it has not declared: add Publishes<{typeof(TEvent).Name}>(\"source.event-name.v1\") to AddMosaicMessaging.");

        var handling = HandlingScope.Current;
        var now = time.GetUtcNow();
        var envelope = new EventEnvelope
        {
            Id = Guid.CreateVersion7(now),
            Type = name.Type,
            Version = name.Version,
            Source = identity.Service,
            Time = now,
            TraceParent = Activity.Current?.Id,
            CorrelationId = handling?.CorrelationId ?? Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N"),
            CausationId = handling?.MessageId,
            Data = JsonSerializer.SerializeToElement(integrationEvent, MessagingJson.Options),
        };
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = envelope.Id,
            RoutingKey = name.RoutingKey,
            Envelope = JsonSerializer.Serialize(envelope, MessagingJson.Options),
            CreatedAt = now.ToUnixTimeMilliseconds(),
        });
    }
}
