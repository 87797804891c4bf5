namespace Mosaic.Platform.Messaging.Storage;

/// <summary>A message whose handler's effect is committed: a redelivery of the same id is skipped.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string RoutingKey { get; set; } = "";

    /// <summary>Unix milliseconds.</summary>
    public long HandledAt { get; set; }
}
