namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>
/// The queues around a service's queue and how they are declared. A service's queue is a quorum
/// queue (replicated and fsynced before a publish is confirmed, with a delivery count that survives
/// consumer crashes); its retry queues park messages for a fixed time and then dead-letter them back
/// to it; its dead-letter queue keeps the messages its consumer gave up on. Its consumer sends retry
/// copies and dead letters through the queue's own settlement exchange, never the default exchange:
/// a broker user that may write to the default exchange may put messages into every queue, so the
/// services' users get no such right (see <c>mosaic policy render rabbitmq</c>).
/// </summary>
/// <remarks>
/// The names are public because the broker permissions that <c>mosaic</c> renders from the policy
/// must name exactly what a service declares, binds, reads and writes.
/// </remarks>
public static class BrokerTopology
{
    /// <summary>
    /// Retry delays: 100 ms doubling to 102.4 s. A requested delay is rounded up to the next tier (the
    /// longest tier caps it), so a queue has at most this many retry queues, created as they are needed.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> RetryTiers =
        [.. Enumerable.Range(0, 11).Select(i => TimeSpan.FromMilliseconds(100 << i))];

    public static TimeSpan RetryTier(TimeSpan delay) => RetryTiers.FirstOrDefault(tier => tier >= delay, RetryTiers[^1]);

    public static string RetryQueue(string queue, TimeSpan tier) => $"{queue}.retry.{(long)tier.TotalMilliseconds}";

    public static string DeadLetterQueue(string queue) => $"{queue}.dead-letter";

    /// <summary>
    /// The direct exchange a queue's consumer publishes its retry copies and dead letters to, each bound
    /// there by its own name; owned by the queue's service like the queues themselves.
    /// </summary>
    public static string SettlementExchange(string queue) => $"{queue}.settlement";

    internal static Dictionary<string, object?> ServiceQueueArguments() => new() { ["x-queue-type"] = "quorum" };

    /// <summary>
    /// A classic queue: reading dead letters takes them without acknowledging and closes the channel to
    /// give them back, which a quorum queue would count as failed deliveries (and drop past a delivery limit).
    /// </summary>
    internal static Dictionary<string, object?> DeadLetterQueueArguments() => new() { ["x-queue-type"] = "classic" };

    /// <summary>
    /// Every message waits the queue's TTL (so expiry at the head is exact), then the broker moves it to
    /// <paramref name="queue"/> through the queue's settlement exchange (not the default exchange: declaring a
    /// queue that dead-letters to an exchange takes write permission on that exchange); at-least-once
    /// dead-lettering keeps it until the service queue has confirmed it, where the default strategy could drop it on a crash.
    /// </summary>
    internal static Dictionary<string, object?> RetryQueueArguments(string queue, TimeSpan tier) => new()
    {
        ["x-queue-type"] = "quorum",
        ["x-message-ttl"] = (int)tier.TotalMilliseconds,
        ["x-dead-letter-exchange"] = SettlementExchange(queue),
        ["x-dead-letter-routing-key"] = queue,
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };
}
