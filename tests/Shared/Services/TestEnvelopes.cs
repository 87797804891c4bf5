using System.Text.Json;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Tests.Shared;

/// <summary>Events in the platform's envelope, for tests that play another service on the bus.</summary>
public static class TestEnvelopes
{
    /// <summary>An envelope of <paramref name="data"/> as <paramref name="source"/>'s outbox would write it.</summary>
    public static EventEnvelope Envelope<T>(string eventType, T data, string source, Guid? id = null, string? correlationId = null)
    {
        var name = EventTypeName.Parse(eventType);
        return new EventEnvelope
        {
            Id = id ?? Guid.CreateVersion7(),
            Type = name.Type,
            Version = name.Version,
            Source = source,
            Time = DateTimeOffset.UtcNow,
            CorrelationId = correlationId ?? Guid.NewGuid().ToString("N"),
            Data = JsonSerializer.SerializeToElement(data, MessagingJson.Options),
        };
    }

    /// <summary>The envelope as the outbox relay puts it on the bus.</summary>
    public static OutgoingMessage Message(EventEnvelope envelope) =>
        new(envelope.Id, envelope.TypeName.RoutingKey, JsonSerializer.SerializeToUtf8Bytes(envelope, MessagingJson.Options));

    /// <summary>The message <paramref name="source"/>'s relay would publish for <paramref name="data"/>.</summary>
    public static OutgoingMessage For<T>(string eventType, T data, string source, Guid? id = null, string? correlationId = null) =>
        Message(Envelope(eventType, data, source, id, correlationId));
}
