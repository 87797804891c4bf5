namespace Mosaic.Platform.Messaging;

/// <summary>What a handler may want to know about the message it is handling.</summary>
public sealed record EventContext(
    Guid MessageId,
    EventTypeName EventType,
    string Source,
    DateTimeOffset Time,
    string CorrelationId,
    int Attempt);
