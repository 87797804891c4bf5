namespace Mosaic.Platform.Messaging.Transport;

/// <summary>What <c>mosaic bus</c> asks of a transport: queue depths and the dead letters.</summary>
public interface IBusAdministration
{
    Task<IReadOnlyList<QueueStats>> QueueStatsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? queue, int limit, CancellationToken cancellationToken);

    Task<DeadLetter?> DeadLetterAsync(string id, CancellationToken cancellationToken);

    /// <summary>Puts dead letters back on their queue (all of a queue's, or the given ids); returns how many.</summary>
    Task<int> RedriveAsync(string? queue, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken);
}

/// <param name="Ready">Waiting to be delivered (including those waiting out a retry delay).</param>
/// <param name="InFlight">Delivered and not yet acknowledged; null where the transport cannot see it (RabbitMQ over AMQP).</param>
/// <param name="OldestReadyAge">How long the oldest ready message has waited; null when none is waiting or the transport cannot see it.</param>
public sealed record QueueStats(string Queue, long Ready, long? InFlight, long DeadLettered, TimeSpan? OldestReadyAge);

public sealed record DeadLetter(
    string Id,
    string Queue,
    Guid MessageId,
    string RoutingKey,
    int Attempts,
    DateTimeOffset DeadLetteredAt,
    string Error,
    string Body);
