namespace Mosaic.Bench.Messaging.Data;

/// <summary>One row per handled event: the consumer's state change, committed with its inbox row.</summary>
public sealed class Effect
{
    public Guid MessageId { get; set; }
    public string Run { get; set; } = "";
    public long Seq { get; set; }
    public long HandledAt { get; set; }
}
