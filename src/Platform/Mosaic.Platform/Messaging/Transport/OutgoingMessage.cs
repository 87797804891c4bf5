namespace Mosaic.Platform.Messaging.Transport;

/// <summary>
/// One serialized envelope on its way to the broker. <paramref name="RoutingKey"/> is the versioned
/// event type (<c>orders.order-placed.v1</c>); queues bound to it receive a copy.
/// </summary>
public sealed record OutgoingMessage(Guid MessageId, string RoutingKey, ReadOnlyMemory<byte> Body);
