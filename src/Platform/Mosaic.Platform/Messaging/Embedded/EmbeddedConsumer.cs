using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>
/// One queue's consumer loop: leases up to <see cref="ConsumerSettings.Concurrency"/> ready rows at a
/// time, runs the handler on each, and writes the handlers' outcomes back in batches.
/// </summary>
/// <remarks>
/// The <see cref="TimeProvider"/> dates what is stored (leases, retry delays, ages); waiting (polls,
/// backoff, the drain timeout) runs on real time, so a test that holds the clock still cannot stall a stop.
/// </remarks>
internal sealed partial class EmbeddedConsumer : IAsyncDisposable
{
    // The platform's consumer host catches handler exceptions itself; one that escapes anyway is a bug
    // in the host, so come back soon rather than apply a backoff policy that belongs to the host.
    private static readonly TimeSpan ThrownRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly EmbeddedDatabase database;
    private readonly string queue;
    private readonly MessageHandler handler;
    private readonly ConsumerSettings settings;
    private readonly string owner;
    private readonly TimeSpan pollInterval;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Action ringDoorbell;
    private readonly Action<EmbeddedConsumer> stopped;
    private readonly SemaphoreSlim wake = new(0);
    private readonly Channel<CompletedDelivery> completions = Channel.CreateUnbounded<CompletedDelivery>();
    private readonly List<CompletedDelivery> unapplied = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource abandoning = new();
    private readonly Lock disposeLock = new();
    private Task loop = Task.CompletedTask;
    private Task? disposal;
    private SqliteConnection? connection;
    private int inFlight;

    public EmbeddedConsumer(
        EmbeddedDatabase database,
        string queue,
        MessageHandler handler,
        ConsumerSettings settings,
        string owner,
        TimeSpan pollInterval,
        TimeProvider time,
        ILogger logger,
        Action ringDoorbell,
        Action<EmbeddedConsumer> stopped)
    {
        this.database = database;
        this.queue = queue;
        this.handler = handler;
        this.settings = settings;
        this.owner = owner;
        this.pollInterval = pollInterval;
        this.time = time;
        this.logger = logger;
        this.ringDoorbell = ringDoorbell;
        this.stopped = stopped;
    }

    public void Start() => loop = Task.Run(RunAsync);

    /// <summary>Something may have arrived: look now instead of at the next poll.</summary>
    public void Wake() => Pulse();

    /// <summary>Stops claiming, lets handlers in flight finish within the drain timeout, and records their outcomes.</summary>
    public ValueTask DisposeAsync()
    {
        lock (disposeLock)
        {
            disposal ??= StopAsync();
            return new ValueTask(disposal);
        }
    }

    private async Task StopAsync()
    {
        await stopping.CancelAsync();
        await loop;
        stopped(this);
        stopping.Dispose();
        abandoning.Dispose();
        wake.Dispose();
    }

    private async Task RunAsync()
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var (claimed, room) = await CycleAsync(claim: true);
                failures = 0;
                // A full batch means there is probably more; otherwise wait for a publish, a finished
                // handler or the poll interval, whichever comes first.
                if (claimed > 0 && claimed == room) continue;
                if (completions.Reader.Count > 0) continue;
                await wake.WaitAsync(pollInterval, stopping.Token);
                while (wake.CurrentCount > 0 && wake.Wait(0)) { }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The file busy beyond the busy timeout, briefly unavailable, or a row we cannot read:
                // back off and carry on, keeping any outcomes not yet written. Stopping is the only exit.
                failures++;
                var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures - 1, 10)));
                LogLoopFailed(logger, e, queue, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        await DrainAsync();
    }

    private async Task DrainAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await CycleAsync(claim: false);
            }
            catch (Exception e)
            {
                LogDrainWriteFailed(logger, e, queue);
            }
            var remaining = settings.DrainTimeout - Stopwatch.GetElapsedTime(started);
            if ((inFlight == 0 && unapplied.Count == 0) || remaining <= TimeSpan.Zero) break;
            if (inFlight == 0)
            {
                // Only writes are left and they failed: try again shortly, within the deadline.
                await Task.Delay(TimeSpan.FromTicks(Math.Min(remaining.Ticks, FirstBackoff.Ticks)));
                continue;
            }
            await wake.WaitAsync(remaining);
        }
        if (inFlight > 0 || unapplied.Count > 0) LogAbandoned(logger, queue, inFlight + unapplied.Count, settings.DrainTimeout.TotalSeconds);
        // Handlers still running keep their lease: their messages are delivered again once it expires.
        await abandoning.CancelAsync();
        await CloseConnectionAsync();
    }

    /// <summary>
    /// Records the outcomes handlers have produced and, if <paramref name="claim"/> and there is room,
    /// leases more ready rows, all in one write transaction; starts a handler for each row leased.
    /// Returns how many it leased and how many it had room for.
    /// </summary>
    private async Task<(int Claimed, int Room)> CycleAsync(bool claim)
    {
        while (completions.Reader.TryRead(out var completed))
        {
            inFlight--;
            unapplied.Add(completed);
        }
        var room = claim ? settings.Concurrency - inFlight : 0;
        var wanted = room;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var claimed = new List<ClaimedDelivery>();
        // The loop is the only user of its connection; keeping it saves an open per cycle.
        connection ??= await database.OpenAsync(durable: false, CancellationToken.None);
        try
        {
            // Looking is a plain read, which WAL never blocks: an idle consumer polling the file does
            // not take the write lock that publishers and other consumers need.
            if (room > 0 && unapplied.Count == 0 && !await AnyReadyAsync(connection, now)) room = 0;
            if (room == 0 && unapplied.Count == 0) return (0, wanted);

            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                var (lost, due) = unapplied.Count > 0 ? await ApplyAsync(connection, now) : (0, 0);
                if (room > 0) await ClaimAsync(connection, now, room, claimed);
                await transaction.CommitAsync();
                if (lost > 0) LogLeaseLost(logger, queue, lost);
                // Retries due at once are work for the other instances too; later ones are found by polling.
                if (due > 0) ringDoorbell();
            }
            unapplied.Clear();
        }
        catch
        {
            // Start the next attempt from a fresh connection, whatever state this one was left in.
            await CloseConnectionAsync();
            throw;
        }

        // RETURNING gives no order; publish order is what a single consumer promises to keep.
        claimed.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        foreach (var delivery in claimed)
        {
            inFlight++;
            _ = Task.Run(() => HandleAsync(delivery));
        }
        return (claimed.Count, wanted);
    }

    private async Task CloseConnectionAsync()
    {
        if (connection is null) return;
        await connection.DisposeAsync();
        connection = null;
    }

    private async Task<bool> AnyReadyAsync(SqliteConnection connection, long now)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM deliveries
                           WHERE queue = $queue AND state = 0 AND available_at <= $now AND (lease_until IS NULL OR lease_until <= $now));
            """;
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private async Task ClaimAsync(SqliteConnection connection, long now, int count, List<ClaimedDelivery> claimed)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE deliveries SET lease_owner = $owner, lease_until = $until, attempts = attempts + 1
            WHERE seq IN (
                SELECT seq FROM deliveries
                WHERE queue = $queue AND state = 0 AND available_at <= $now AND (lease_until IS NULL OR lease_until <= $now)
                ORDER BY seq LIMIT $count)
            RETURNING seq, message_id, routing_key, body, attempts;
            """;
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$until", now + (long)settings.LeaseDuration.TotalMilliseconds);
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$count", count);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = new IncomingMessage(
                queue,
                Guid.Parse(reader.GetString(1)),
                reader.GetString(2),
                reader.GetFieldValue<byte[]>(3),
                reader.GetInt32(4));
            claimed.Add(new ClaimedDelivery(reader.GetInt64(0), message));
        }
    }

    /// <summary>
    /// Writes the handlers' outcomes; returns how many found their row no longer leased to them, and how
    /// many it made available again at once (retries without a delay).
    /// </summary>
    private async Task<(int Lost, int Due)> ApplyAsync(SqliteConnection connection, long now)
    {
        var (lost, due) = (0, 0);
        // Each statement matches the row only while this delivery still holds it: a late outcome for
        // a message whose lease expired and that someone else took must not undo their work.
        await using var ack = Command(connection, "DELETE FROM deliveries WHERE seq = $seq AND lease_owner = $owner AND attempts = $attempts;");
        await using var retry = Command(connection, """
            UPDATE deliveries SET available_at = $at, lease_owner = NULL, lease_until = NULL, error = $error
            WHERE seq = $seq AND lease_owner = $owner AND attempts = $attempts;
            """);
        await using var deadLetter = Command(connection, """
            UPDATE deliveries SET state = 1, error = $error, dead_at = $at, lease_owner = NULL, lease_until = NULL
            WHERE seq = $seq AND lease_owner = $owner AND attempts = $attempts;
            """);
        foreach (var (delivery, outcome) in unapplied)
        {
            var command = outcome.Decision switch
            {
                DeliveryDecision.Ack => ack,
                DeliveryDecision.Retry => retry,
                DeliveryDecision.DeadLetter => deadLetter,
                _ => throw new InvalidOperationException($"Unknown delivery decision {outcome.Decision}."),
            };
            command.Parameters["$seq"].Value = delivery.Seq;
            command.Parameters["$attempts"].Value = delivery.Message.Attempt;
            var delay = outcome.Decision == DeliveryDecision.Retry ? (long)Math.Max(0, outcome.Delay.TotalMilliseconds) : 0;
            if (command != ack)
            {
                command.Parameters["$at"].Value = now + delay;
                command.Parameters["$error"].Value = (object?)outcome.Error ?? DBNull.Value;
            }
            if (await command.ExecuteNonQueryAsync() == 0) lost++;
            else if (command == retry && delay == 0) due++;
        }
        return (lost, due);
    }

    private async Task HandleAsync(ClaimedDelivery delivery)
    {
        DeliveryOutcome outcome;
        try
        {
            outcome = await handler(delivery.Message, abandoning.Token);
        }
        catch (Exception e)
        {
            LogHandlerThrew(logger, e, queue, delivery.Message.MessageId);
            outcome = DeliveryOutcome.Retry(ThrownRetryDelay, $"{e.GetType().Name}: {e.Message}");
        }
        completions.Writer.TryWrite(new CompletedDelivery(delivery, outcome));
        Pulse();
    }

    private void Pulse()
    {
        try
        {
            wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Stopped already: a handler that outlived the drain timeout, or a publish racing the stop.
            // Nothing to wake; the message's lease decides what happens next.
        }
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$seq", SqliteType.Integer);
        command.Parameters.Add("$attempts", SqliteType.Integer);
        command.Parameters.AddWithValue("$owner", owner);
        if (sql.Contains("$at", StringComparison.Ordinal)) command.Parameters.Add("$at", SqliteType.Integer);
        if (sql.Contains("$error", StringComparison.Ordinal)) command.Parameters.Add("$error", SqliteType.Text);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of {Queue} could not reach the bus file; retrying in {BackoffMs} ms")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string queue, double backoffMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of {Queue} could not record outcomes while stopping; their messages will be delivered again")]
    private static partial void LogDrainWriteFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of {Queue} stopped with {Count} message(s) unfinished after {DrainSeconds} s; they will be delivered again when their lease expires")]
    private static partial void LogAbandoned(ILogger logger, string queue, int count, double drainSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Queue} threw on message {MessageId}; it will be delivered again")]
    private static partial void LogHandlerThrew(ILogger logger, Exception exception, string queue, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of {Queue} answered {Count} message(s) after losing their lease; another delivery decides their fate")]
    private static partial void LogLeaseLost(ILogger logger, string queue, int count);
}
