using Mosaic.Platform.Messaging.Consuming;

namespace Mosaic.Platform.Messaging;

/// <summary>What this service declared it publishes and consumes, fixed at start-up.</summary>
internal sealed class MessagingRegistry(IReadOnlyDictionary<Type, EventTypeName> published, IReadOnlyDictionary<string, EventRegistration> consumed)
{
    public IReadOnlyDictionary<Type, EventTypeName> Published { get; } = published;

    /// <summary>By routing key (<c>orders.order-placed.v1</c>).</summary>
    public IReadOnlyDictionary<string, EventRegistration> Consumed { get; } = consumed;
}
