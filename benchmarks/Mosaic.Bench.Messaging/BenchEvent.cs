namespace Mosaic.Bench.Messaging;

/// <summary>
/// The event the benchmark sends. <see cref="ScheduledAt"/> is when the load wanted it published, so
/// the consumer can also report latency that includes the publisher falling behind its schedule;
/// <see cref="Padding"/> gives it the size of a real event (an order with a few lines).
/// </summary>
public sealed record BenchEvent(string Run, long Seq, bool Measured, DateTimeOffset ScheduledAt, string Padding);

public static class BenchEvents
{
    public const string Published = "bench.event-published.v1";
}
