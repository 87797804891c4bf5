using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// What travels on the bus: the event's data and everything needed to route, trace and de-duplicate it.
/// <see cref="CorrelationId"/> ties together every message of one business flow (an order);
/// <see cref="CausationId"/> is the id of the message whose handler published this one.
/// </summary>
public sealed record EventEnvelope
{
    public required Guid Id { get; init; }
    public required string Type { get; init; }
    public required int Version { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset Time { get; init; }
    public string? TraceParent { get; init; }
    public required string CorrelationId { get; init; }
    public Guid? CausationId { get; init; }
    public required JsonElement Data { get; init; }

    [JsonIgnore]
    public EventTypeName TypeName => new(Type, Version);
}
