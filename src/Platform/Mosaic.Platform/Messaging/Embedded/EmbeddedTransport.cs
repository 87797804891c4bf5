using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>
/// Queues in one SQLite file shared by every process on the host: nothing to install, and what it
/// accepted survives a crash of any of them. Each queue bound to a routing key gets its own row per
/// message (fan-out); consumers take rows under a time-limited lease (competing consumers), so a row
/// held by a consumer that died is delivered again once its lease expires.
/// </summary>
/// <remarks>
/// Ordering: within one queue, a single consumer with <see cref="ConsumerSettings.Concurrency"/> = 1
/// receives messages in the order they were published, unless a retry intervenes (a retried message
/// comes back after its delay, behind later ones). With more consumers or more concurrency there is
/// no ordering.
/// </remarks>
public sealed partial class EmbeddedTransport : IMessageTransport, IBusAdministration
{
    internal const string MeterName = "Mosaic.Messaging";

    private readonly EmbeddedDatabase database;
    private readonly EmbeddedTransportOptions options;
    private readonly TimeProvider time;
    private readonly string owner;
    private readonly ILogger<EmbeddedTransport> logger;
    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> unroutable;
    private readonly ConcurrentDictionary<string, bool> warnedUnroutable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<EmbeddedConsumer, bool> consumers = new();
    private readonly BusDoorbell doorbell;
    private int disposed;

    /// <param name="ownerId">Names this process on the leases it takes (e.g. <c>orders-0/4711/…</c>); unique per transport instance.</param>
    public EmbeddedTransport(EmbeddedTransportOptions options, TimeProvider timeProvider, string ownerId, ILogger<EmbeddedTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (options.PollInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.PollInterval, "PollInterval must be positive.");
        if (options.WatchedPollInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.WatchedPollInterval, "WatchedPollInterval must be positive.");
        this.options = options;
        database = new EmbeddedDatabase(options.Path);
        time = timeProvider;
        owner = ownerId;
        this.logger = logger;
        doorbell = new BusDoorbell(options.Path, WakeConsumers, logger);
        unroutable = meter.CreateCounter<long>("mosaic.messaging.unroutable",
            description: "Messages published with no queue bound to their event type, and so dropped, by event type.");
    }

    public string Name => "embedded";

    public async Task DeclareQueueAsync(string queue, IReadOnlyCollection<string> routingKeys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(routingKeys);
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        await using var connection = await database.OpenAsync(durable: true, cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO bindings (queue, routing_key) VALUES ($queue, $key);";
        command.Parameters.AddWithValue("$queue", queue);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var routingKey in routingKeys)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(routingKey, nameof(routingKeys));
            key.Value = routingKey;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (messages.Count == 0) return;

        List<string>? dropped = null;
        await using (var connection = await database.OpenAsync(durable: true, cancellationToken))
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            // One row per bound queue: each consuming service gets its own copy to take and acknowledge.
            command.CommandText = """
                INSERT INTO deliveries (queue, message_id, routing_key, body, enqueued_at, available_at, attempts, state)
                SELECT queue, $id, $key, $body, $now, $now, 0, 0 FROM bindings WHERE routing_key = $key ORDER BY queue;
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var body = command.Parameters.Add("$body", SqliteType.Blob);
            command.Parameters.AddWithValue("$now", Now());
            foreach (var message in messages)
            {
                id.Value = message.MessageId.ToString();
                key.Value = message.RoutingKey;
                body.Value = message.Body.ToArray();
                if (await command.ExecuteNonQueryAsync(cancellationToken) == 0) (dropped ??= []).Add(message.RoutingKey);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var routingKey in dropped ?? [])
        {
            unroutable.Add(1, new KeyValuePair<string, object?>("event_type", routingKey));
            if (warnedUnroutable.TryAdd(routingKey, true)) LogUnroutable(logger, routingKey);
        }
        // The other processes' consumers, then this one's (the ring is heard here too, a little later).
        if (dropped is null || dropped.Count < messages.Count) doorbell.Ring();
        WakeConsumers();
    }

    public async Task<IAsyncDisposable> ConsumeAsync(string queue, MessageHandler handler, ConsumerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Concurrency, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.LeaseDuration, TimeSpan.Zero, nameof(settings));
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        // Open once so that a file that cannot be created fails here, not in the background loop.
        await using (await database.OpenAsync(durable: false, cancellationToken)) { }

        var pollInterval = doorbell.IsWatching ? options.WatchedPollInterval : options.PollInterval;
        var consumer = new EmbeddedConsumer(database, queue, handler, settings, owner, pollInterval, time, logger, doorbell.Ring, c => consumers.TryRemove(c, out _));
        consumers.TryAdd(consumer, true);
        consumer.Start();
        return consumer;
    }

    public async Task<IReadOnlyList<QueueStats>> QueueStatsAsync(CancellationToken cancellationToken)
    {
        var now = Now();
        var stats = new SortedDictionary<string, QueueStats>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(durable: false, cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT queue,
                       COALESCE(SUM(CASE WHEN state = 0 AND (lease_until IS NULL OR lease_until <= $now) THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 0 AND lease_until > $now THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 1 THEN 1 ELSE 0 END), 0),
                       MIN(CASE WHEN state = 0 AND (lease_until IS NULL OR lease_until <= $now) THEN enqueued_at END)
                FROM deliveries GROUP BY queue;
                """;
            command.Parameters.AddWithValue("$now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var queue = reader.GetString(0);
                TimeSpan? oldest = reader.IsDBNull(4) ? null : TimeSpan.FromMilliseconds(Math.Max(0, now - reader.GetInt64(4)));
                stats[queue] = new QueueStats(queue, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), oldest);
            }
        }
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT queue FROM bindings;";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var queue = reader.GetString(0);
                stats.TryAdd(queue, new QueueStats(queue, 0, 0, 0, null));
            }
        }
        return [.. stats.Values];
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? queue, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await database.OpenAsync(durable: false, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, queue, message_id, routing_key, attempts, dead_at, error, body FROM deliveries
            WHERE state = 1 AND ($queue IS NULL OR queue = $queue)
            ORDER BY dead_at DESC, seq DESC LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$queue", (object?)queue ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadDeadLettersAsync(command, cancellationToken);
    }

    public async Task<DeadLetter?> DeadLetterAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, out var seq)) return null;
        await using var connection = await database.OpenAsync(durable: false, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, queue, message_id, routing_key, attempts, dead_at, error, body FROM deliveries
            WHERE state = 1 AND seq = $seq;
            """;
        command.Parameters.AddWithValue("$seq", seq);
        return (await ReadDeadLettersAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<int> RedriveAsync(string? queue, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        // Ids that are not ours (not numbers) match nothing, like ids of letters already redriven.
        var seqs = ids?.Select(id => long.TryParse(id, out var seq) ? seq : (long?)null).OfType<long>().ToArray();
        int count;
        await using (var connection = await database.OpenAsync(durable: true, cancellationToken))
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var command = connection.CreateCommand();
            // Attempts start again from zero: the consumer's retry budget applies afresh to a redriven message.
            command.CommandText = """
                UPDATE deliveries
                SET state = 0, attempts = 0, available_at = $now, lease_owner = NULL, lease_until = NULL, error = NULL, dead_at = NULL
                WHERE state = 1 AND ($queue IS NULL OR queue = $queue)
                  AND ($ids IS NULL OR seq IN (SELECT value FROM json_each($ids)));
                """;
            command.Parameters.AddWithValue("$now", Now());
            command.Parameters.AddWithValue("$queue", (object?)queue ?? DBNull.Value);
            command.Parameters.AddWithValue("$ids", seqs is null ? DBNull.Value : JsonSerializer.Serialize(seqs));
            count = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (count > 0)
        {
            doorbell.Ring();
            WakeConsumers();
        }
        return count;
    }

    /// <summary>Stops every consumer of this instance (each drains as its settings say).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await Task.WhenAll(consumers.Keys.Select(c => c.DisposeAsync().AsTask()));
        doorbell.Dispose();
        database.Dispose();
        meter.Dispose();
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private void WakeConsumers()
    {
        foreach (var consumer in consumers.Keys) consumer.Wake();
    }

    private static async Task<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                Id: reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Queue: reader.GetString(1),
                MessageId: Guid.Parse(reader.GetString(2)),
                RoutingKey: reader.GetString(3),
                Attempts: reader.GetInt32(4),
                DeadLetteredAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Error: reader.IsDBNull(6) ? "" : reader.GetString(6),
                Body: Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(7))));
        }
        return letters;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No queue is bound to {RoutingKey}: messages of this type are dropped (counted in mosaic.messaging.unroutable)")]
    private static partial void LogUnroutable(ILogger logger, string routingKey);
}
