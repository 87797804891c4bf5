namespace Mosaic.Platform.Messaging.Transport;

/// <summary>Handles one delivered message and says what the transport should do with it.</summary>
public delegate Task<DeliveryOutcome> MessageHandler(IncomingMessage message, CancellationToken cancellationToken);

/// <summary>
/// Moves envelopes between services. A queue belongs to one consuming service; every queue bound to
/// a routing key gets its own copy (fan-out), and instances of a service consuming the same queue
/// share its messages (competing consumers). Every transport passes the same conformance suite.
/// </summary>
public interface IMessageTransport : IAsyncDisposable
{
    /// <summary>Short name shown by <c>mosaic status</c> and <c>/info</c> ("embedded", "rabbitmq").</summary>
    string Name { get; }

    /// <summary>Creates the durable queue if it is missing and binds it to each routing key. Safe to repeat.</summary>
    Task DeclareQueueAsync(string queue, IReadOnlyCollection<string> routingKeys, CancellationToken cancellationToken);

    /// <summary>Completes only once the transport holds every message durably; throws if it cannot.</summary>
    Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers the queue's messages to <paramref name="handler"/> until the returned consumer is disposed.
    /// A message is removed only when the handler returns <see cref="DeliveryOutcome.Ack"/>; one whose
    /// handler throws or never answers comes back once its lease expires.
    /// </summary>
    Task<IAsyncDisposable> ConsumeAsync(string queue, MessageHandler handler, ConsumerSettings settings, CancellationToken cancellationToken);
}
