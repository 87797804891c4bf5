namespace Mosaic.Platform.Messaging.Transport;

/// <summary>
/// A message handed to a consumer. <paramref name="Attempt"/> counts deliveries of this copy,
/// starting at 1, and survives redelivery after a crash, so retries are bounded across processes.
/// </summary>
public sealed record IncomingMessage(string Queue, Guid MessageId, string RoutingKey, ReadOnlyMemory<byte> Body, int Attempt);
