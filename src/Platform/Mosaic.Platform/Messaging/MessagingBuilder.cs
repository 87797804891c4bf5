using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Messaging.Consuming;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// Declares what a service publishes and consumes. Event types are versioned names from the
/// publishing service's contracts (<c>orders.order-placed.v1</c>); a consumer of a newer version can
/// keep accepting an older one through <see cref="Upcasts{TOld, TEvent}"/>.
/// </summary>
public sealed class MessagingBuilder
{
    private readonly IServiceCollection services;
    private readonly Dictionary<Type, EventTypeName> published = [];
    private readonly Dictionary<string, EventRegistration> consumed = new(StringComparer.Ordinal);

    internal MessagingBuilder(IServiceCollection services) => this.services = services;

    internal IReadOnlyDictionary<Type, EventTypeName> Published => published;

    internal IReadOnlyDictionary<string, EventRegistration> Consumed => consumed;

    public MessagingBuilder Publishes<TEvent>(string eventType) where TEvent : class
    {
        var name = EventTypeName.Parse(eventType);
        if (!published.TryAdd(typeof(TEvent), name))
            throw new InvalidOperationException($"{typeof(TEvent).Name} is already published as {published[typeof(TEvent)]}.");
        return this;
    }

    /// <param name="commit">
    /// <see cref="HandlerCommit.Grouped"/> (the default, fastest) for handlers that only touch the database;
    /// <see cref="HandlerCommit.Alone"/> for handlers that call other systems.
    /// </param>
    public MessagingBuilder Consumes<TEvent, THandler>(string eventType, HandlerCommit commit = HandlerCommit.Grouped)
        where TEvent : class
        where THandler : class, IEventHandler<TEvent>
    {
        var name = EventTypeName.Parse(eventType);
        Add(new EventRegistration(name, typeof(TEvent), (data, json) => Deserialize<TEvent>(data, json), HandleWith<TEvent>, commit));
        services.AddScoped<IEventHandler<TEvent>, THandler>();
        return this;
    }

    /// <summary>Accepts <paramref name="oldEventType"/> too, converted to the current shape before the handler sees it.</summary>
    public MessagingBuilder Upcasts<TOld, TEvent>(string oldEventType, Func<TOld, TEvent> upcast)
        where TOld : class
        where TEvent : class
    {
        var current = consumed.Values.FirstOrDefault(r => r.EventClass == typeof(TEvent) && !r.IsUpcast)
            ?? throw new InvalidOperationException($"Register Consumes<{typeof(TEvent).Name}, ...>() before an upcaster to it.");
        var name = EventTypeName.Parse(oldEventType);
        Add(new EventRegistration(name, typeof(TEvent), (data, json) => upcast(Deserialize<TOld>(data, json)), HandleWith<TEvent>, current.Commit, IsUpcast: true));
        return this;
    }

    private void Add(EventRegistration registration)
    {
        if (!consumed.TryAdd(registration.Name.RoutingKey, registration))
            throw new InvalidOperationException($"{registration.Name} is already consumed by this service; one handler per event type.");
    }

    private static Task HandleWith<TEvent>(IServiceProvider services, object @event, EventContext context, CancellationToken cancellationToken)
        where TEvent : class =>
        services.GetRequiredService<IEventHandler<TEvent>>().HandleAsync((TEvent)@event, context, cancellationToken);

    private static TEvent Deserialize<TEvent>(JsonElement data, JsonSerializerOptions json) where TEvent : class =>
        data.Deserialize<TEvent>(json) ?? throw new JsonException($"The data of a {typeof(TEvent).Name} is null.");
}
