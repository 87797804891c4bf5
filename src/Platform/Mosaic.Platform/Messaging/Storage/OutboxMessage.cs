namespace Mosaic.Platform.Messaging.Storage;

/// <summary>
/// An event committed with a state change and not yet confirmed by the transport. The relay leases
/// a batch (so two instances do not ship the same rows at once), publishes it, and deletes it.
/// </summary>
public sealed class OutboxMessage
{
    public long Sequence { get; set; }
    public Guid MessageId { get; set; }
    public string RoutingKey { get; set; } = "";
    public string Envelope { get; set; } = "";

    /// <summary>Unix milliseconds; a number so that age queries compare the same way on every database.</summary>
    public long CreatedAt { get; set; }

    public string? LeaseOwner { get; set; }
    public long? LeaseUntil { get; set; }
}
