namespace Mosaic.Platform.Messaging;

/// <summary>
/// Reacts to one event type. The platform runs the handler in a fresh scope and then saves the
/// scope's DbContext once, together with the inbox record of the message id and any events the
/// handler published: so a handler changes entities and calls <see cref="IEventBus.Publish{TEvent}"/>
/// but never calls <c>SaveChangesAsync</c> itself. Throwing retries the message with backoff.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It handles integration events; the suffix rule is about delegates, and this is the name readers of any bus look for.")]
public interface IEventHandler<in TEvent> where TEvent : class
{
    Task HandleAsync(TEvent integrationEvent, EventContext context, CancellationToken cancellationToken);
}
