namespace Mosaic.Platform.Messaging;

/// <summary>
/// Publishes integration events through the service's outbox. <see cref="Publish{TEvent}"/> only adds
/// the event to the unit of work: it is stored by the same <c>SaveChangesAsync</c> that stores the
/// state change, and shipped by the outbox relay after that commits. Nothing is published for a
/// change that rolled back, and nothing committed is lost if the process dies before shipping it.
/// </summary>
public interface IEventBus
{
    void Publish<TEvent>(TEvent integrationEvent) where TEvent : class;
}
