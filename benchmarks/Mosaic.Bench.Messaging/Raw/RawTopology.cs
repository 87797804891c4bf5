using RabbitMQ.Client;

namespace Mosaic.Bench.Messaging.Raw;

/// <summary>
/// The baseline's own exchange and queue, shaped like the ones Mosaic declares for a service: a durable
/// topic exchange, a durable quorum queue bound to one routing key. Declared (and emptied) before a
/// run and deleted after it, so runs do not see each other's messages and the broker is left as found.
/// </summary>
internal static class RawTopology
{
    public const string Exchange = "mosaic-bench-raw";
    public const string Queue = "mosaic-bench-raw";
    public const string RoutingKey = "bench.raw-event.v1";

    public static async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" }, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(Queue, Exchange, RoutingKey, cancellationToken: cancellationToken);
        await channel.QueuePurgeAsync(Queue, cancellationToken);
    }

    public static async Task DeleteAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.QueueDeleteAsync(Queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeleteAsync(Exchange, ifUnused: false, cancellationToken: cancellationToken);
    }
}
