using System.Text;
using Mosaic.Platform.Messaging.Transport;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>
/// What <c>mosaic bus</c> asks, answered over AMQP alone (no management plugin): queue depths by
/// passive declaration, dead letters by taking them without acknowledging and closing the channel,
/// which gives them back in place. It covers the queues in <see cref="KnownQueues"/>.
/// </summary>
public sealed partial class RabbitMqTransport
{
    /// <summary>Dead letters read from one queue at most, per call: reading is one round trip per letter.</summary>
    internal const int DeadLetterReadLimit = 10_000;

    private const int NotFound = 404;

    /// <summary>
    /// Ready counts the queue and its retry queues; messages delivered and not yet acknowledged, and
    /// the age of the oldest ready one, are not visible over AMQP, so they are unknown (null).
    /// </summary>
    public async Task<IReadOnlyList<QueueStats>> QueueStatsAsync(CancellationToken cancellationToken)
    {
        var stats = new List<QueueStats>();
        var probe = new QueueProbe(this);
        try
        {
            foreach (var queue in KnownQueues)
            {
                if (await probe.CountAsync(queue, cancellationToken) is not { } ready) continue;
                foreach (var tier in BrokerTopology.RetryTiers)
                    ready += await probe.CountAsync(BrokerTopology.RetryQueue(queue, tier), cancellationToken) ?? 0;
                var dead = await probe.CountAsync(BrokerTopology.DeadLetterQueue(queue), cancellationToken) ?? 0;
                stats.Add(new QueueStats(queue, ready, InFlight: null, dead, OldestReadyAge: null));
            }
        }
        finally
        {
            await probe.DisposeAsync();
        }
        return stats;
    }

    /// <summary>The newest letters first, of <paramref name="queue"/> or of every known queue.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? queue, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var letters = new List<DeadLetter>();
        foreach (var name in queue is null ? KnownQueues : [queue])
            letters.AddRange(await ReadDeadLettersAsync(name, stopAt: null, cancellationToken));
        return [.. letters.OrderByDescending(l => l.DeadLetteredAt).ThenByDescending(l => l.Id, StringComparer.Ordinal).Take(limit)];
    }

    public async Task<DeadLetter?> DeadLetterAsync(string id, CancellationToken cancellationToken)
    {
        if (!TryParseLetterId(id, out var queue, out _)) return null;
        return (await ReadDeadLettersAsync(queue, stopAt: id, cancellationToken)).FirstOrDefault(l => l.Id == id);
    }

    /// <summary>
    /// Moves letters back to their queue as new copies starting again at attempt 1 (the consumer's retry
    /// budget applies afresh), each confirmed by the broker before its letter is acknowledged. A failure
    /// in between leaves both, and the inbox absorbs the duplicate once the letter is redriven again.
    /// </summary>
    public async Task<int> RedriveAsync(string? queue, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        if (ids is null)
        {
            foreach (var name in queue is null ? KnownQueues : [queue]) wanted[name] = null;
        }
        else
        {
            // Ids that are not ours match nothing, like ids of letters already redriven.
            foreach (var id in ids)
            {
                if (!TryParseLetterId(id, out var letterQueue, out _) || (queue is not null && letterQueue != queue)) continue;
                (wanted.TryGetValue(letterQueue, out var set) && set is not null ? set : wanted[letterQueue] = new HashSet<string>(StringComparer.Ordinal)).Add(id);
            }
        }

        var moved = 0;
        foreach (var (name, letterIds) in wanted) moved += await RedriveQueueAsync(name, letterIds, cancellationToken);
        return moved;
    }

    private async Task<int> RedriveQueueAsync(string queue, HashSet<string>? ids, CancellationToken cancellationToken)
    {
        var channel = await ConfirmingChannels.OpenAsync(await ConnectionAsync(cancellationToken), cancellationToken);
        try
        {
            if (await CountOrNullAsync(channel, BrokerTopology.DeadLetterQueue(queue), cancellationToken) is not { } count) return 0;
            var confirms = new List<Task>();
            var tags = new List<ulong>();
            // The count bounds the loop, so letters dead-lettered again meanwhile wait for the next redrive.
            for (var i = 0; i < count && (ids is null || tags.Count < ids.Count); i++)
            {
                var got = await channel.BasicGetAsync(BrokerTopology.DeadLetterQueue(queue), autoAck: false, cancellationToken);
                if (got is null) break;
                var letter = ToDeadLetter(queue, got);
                if (ids is not null && !ids.Contains(letter.Id)) continue;
                var properties = CopyProperties(letter.MessageId, letter.RoutingKey, attempt: 1);
                confirms.Add(channel.BasicPublishAsync("", letter.Queue, mandatory: true, properties, got.Body.ToArray(), cancellationToken).AsTask());
                tags.Add(got.DeliveryTag);
            }
            await Task.WhenAll(confirms);
            foreach (var tag in tags) await channel.BasicAckAsync(tag, multiple: false, cancellationToken);
            return tags.Count;
        }
        finally
        {
            // Letters taken and not redriven go back in place.
            await ChannelLifetime.CloseAsync(channel);
        }
    }

    /// <summary>Reads a queue's letters without removing them: taken unacknowledged, given back when the channel closes.</summary>
    private async Task<List<DeadLetter>> ReadDeadLettersAsync(string queue, string? stopAt, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        var channel = await OpenChannelAsync(cancellationToken);
        try
        {
            var deadLetters = BrokerTopology.DeadLetterQueue(queue);
            if (await CountOrNullAsync(channel, deadLetters, cancellationToken) is not { } count) return letters;
            for (var i = 0; i < Math.Min(count, DeadLetterReadLimit); i++)
            {
                var got = await channel.BasicGetAsync(deadLetters, autoAck: false, cancellationToken);
                if (got is null) break;
                letters.Add(ToDeadLetter(queue, got));
                if (letters[^1].Id == stopAt) break;
            }
            return letters;
        }
        finally
        {
            await ChannelLifetime.CloseAsync(channel);
        }
    }

    private static DeadLetter ToDeadLetter(string queue, BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers;
        var letterId = MessageHeaders.String(headers, MessageHeaders.LetterId) ?? got.BasicProperties.MessageId ?? "unknown";
        return new DeadLetter(
            Id: $"{queue}/{letterId}",
            Queue: MessageHeaders.String(headers, MessageHeaders.Queue) ?? queue,
            MessageId: Guid.TryParse(got.BasicProperties.MessageId, out var messageId) ? messageId : Guid.Empty,
            RoutingKey: MessageHeaders.String(headers, MessageHeaders.RoutingKey) ?? got.RoutingKey,
            Attempts: (int)(MessageHeaders.Number(headers, MessageHeaders.Attempts) ?? 0),
            DeadLetteredAt: MessageHeaders.Number(headers, MessageHeaders.DeadLetteredAt) is { } at
                ? DateTimeOffset.FromUnixTimeMilliseconds(at)
                : DateTimeOffset.FromUnixTimeSeconds(got.BasicProperties.Timestamp.UnixTime),
            Error: MessageHeaders.String(headers, MessageHeaders.Error) ?? "",
            Body: Encoding.UTF8.GetString(got.Body.Span));
    }

    /// <summary>A letter's id is <c>queue/letter</c>, so finding it reads one queue only.</summary>
    private static bool TryParseLetterId(string id, out string queue, out string letter)
    {
        var slash = id?.LastIndexOf('/') ?? -1;
        queue = slash > 0 ? id![..slash] : "";
        letter = slash > 0 ? id![(slash + 1)..] : "";
        return slash > 0 && letter.Length > 0;
    }

    /// <summary>A queue's ready count, or null when it does not exist (the broker then closes the channel).</summary>
    private static async Task<long?> CountOrNullAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return null;
        }
    }

    /// <summary>Counts queues one after another, opening a new channel after each one found missing.</summary>
    private sealed class QueueProbe(RabbitMqTransport transport) : IAsyncDisposable
    {
        private IChannel? channel;

        public async Task<long?> CountAsync(string queue, CancellationToken cancellationToken)
        {
            channel ??= await transport.OpenChannelAsync(cancellationToken);
            var count = await CountOrNullAsync(channel, queue, cancellationToken);
            if (count is null)
            {
                await ChannelLifetime.CloseAsync(channel);
                channel = null;
            }
            return count;
        }

        public async ValueTask DisposeAsync()
        {
            if (channel is not null) await ChannelLifetime.CloseAsync(channel);
        }
    }
}
