namespace Mosaic.Bench.Messaging.Consumer;

/// <summary>What the handler knows about the event whose effect is being committed.</summary>
/// <param name="PublishedAt">The envelope's time: when the publisher called <c>IEventBus.Publish</c>.</param>
/// <param name="ScheduledAt">When the load wanted it published (later than that if the publisher fell behind).</param>
internal sealed record HandledEvent(string Run, long Seq, bool Measured, DateTimeOffset PublishedAt, DateTimeOffset ScheduledAt);
