using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging.Outbox;

/// <summary>
/// Ships committed outbox rows to the transport. A batch is leased first, so instances sharing a
/// database do not ship the same rows at once; rows are deleted only after the transport confirms
/// them. A process that dies after the confirm and before the delete ships them again once the lease
/// ends, and the consumers' inbox drops the duplicates: at-least-once out, exactly-once in effect.
/// </summary>
internal sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IMessageTransport transport,
    OutboxSignal signal,
    OutboxStatistics statistics,
    MessagingMetrics metrics,
    MessagingReadiness readiness,
    IOptions<MessagingOptions> options,
    ServiceIdentity identity,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    /// <summary>How long a claimed batch is this relay's; longer than any transport call should take.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the relay waits after a pulse before it claims; small against any latency goal.</summary>
    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(2);

    /// <summary>Unique per process run, so a restarted instance never mistakes its predecessor's claims for its own.</summary>
    private readonly string owner = $"{identity.InstanceId}/{Guid.NewGuid():N}";
    private long claims;
    private DateTimeOffset statisticsCountedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Shipment shipment;
            try
            {
                shipment = await ShipBatchAsync(settings.OutboxBatchSize, stoppingToken);
                await CountBacklogAsync(stoppingToken);
                if (failures > 0) LogRecovered(logger, failures);
                failures = 0;
                readiness.PublishSucceeded();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                readiness.PublishFailed();
                LogShipFailed(logger, failures, e);
                await Delay(Backoff(failures), stoppingToken);
                continue;
            }

            if (!shipment.MoreWaiting)
            {
                try
                {
                    // Woken by a commit: let the commits right behind it land too, so that one-event
                    // transactions at a steady rate are shipped a few at a time rather than each with a
                    // claim and a delete of its own.
                    if (await signal.WaitAsync(settings.OutboxPollInterval, stoppingToken))
                        await Task.Delay(Coalescing, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Claims, publishes and deletes one batch.</summary>
    internal async Task<Shipment> ShipBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = db.Set<OutboxMessage>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var leaseUntil = now + (long)Lease.TotalMilliseconds;
        var claim = $"{owner}:{Interlocked.Increment(ref claims)}";

        // Read the candidates through the key, then lease exactly those, on PostgreSQL in a transaction that
        // keeps its planner on the key (BeginReadsThroughTheKeyAsync). The statements after the read name
        // their rows' key range as well as the keys: PostgreSQL planned a lease taken by a subquery
        // (UPDATE … WHERE Sequence IN (SELECT … LIMIT n)), the read of a claim by its owner, and a list of
        // a few hundred keys alone as reads of the whole outbox, dead rows included (benchmarks/README.md).
        List<OutboxMessage> rows;
        long[] candidates;
        long first, last;
        int claimed;
        await using (var claiming = await BeginReadsThroughTheKeyAsync(db, cancellationToken))
        {
            rows = await MessagingQueries<TContext>.Of(db).Unleased(db, now, batchSize).ToListAsync(cancellationToken);
            if (rows.Count == 0) return Shipment.None;
            candidates = rows.Select(r => r.Sequence).ToArray();
            (first, last) = (candidates[0], candidates[^1]);
            claimed = await outbox
                .Where(m => m.Sequence >= first && m.Sequence <= last && candidates.Contains(m.Sequence) && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntil, leaseUntil), cancellationToken);
            if (claiming is not null) await claiming.CommitAsync(cancellationToken);
        }

        // A full batch read means more may be waiting, whatever share of it another instance's relay took.
        var full = rows.Count == batchSize;
        if (claimed == 0) return new Shipment(0, full);
        if (claimed < rows.Count)
        {
            // Another instance leased or shipped some of them since they were read: keep only ours.
            var ours = await MessagingQueries<TContext>.Of(db).HeldAmong(db, first, last, candidates, claim).ToHashSetAsync(cancellationToken: cancellationToken);
            rows.RemoveAll(r => !ours.Contains(r.Sequence));
        }

        try
        {
            await transport.PublishAsync(
                rows.Select(r => new OutgoingMessage(r.MessageId, r.RoutingKey, System.Text.Encoding.UTF8.GetBytes(r.Envelope))).ToList(),
                cancellationToken);
        }
        catch
        {
            // Give the rows back at once rather than make every instance wait out the lease.
            await outbox.Where(m => m.Sequence >= first && m.Sequence <= last && candidates.Contains(m.Sequence) && m.LeaseOwner == claim)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (long?)null), CancellationToken.None);
            throw;
        }

        var shipped = rows.Count == candidates.Length ? candidates : rows.Select(r => r.Sequence).ToArray();
        await outbox.Where(m => m.Sequence >= first && m.Sequence <= last && shipped.Contains(m.Sequence)).ExecuteDeleteAsync(CancellationToken.None);
        foreach (var group in rows.GroupBy(r => r.RoutingKey, StringComparer.Ordinal)) metrics.Published(group.Key, group.Count());
        return new Shipment(rows.Count, full);
    }

    /// <summary>
    /// On PostgreSQL, a transaction in which the planner may not read the outbox whole; nothing elsewhere.
    /// After a backlog the outbox's file keeps its size (vacuum frees the pages but can only return the
    /// empty ones at its end) while it holds a few rows, and the statistics then price the walk through
    /// the key as high as reading every page: PostgreSQL chose the full read, 40–85 ms for each batch
    /// of a few events, and the latency at 1,000 events/s rose from tens of milliseconds to hundreds
    /// (benchmarks/README.md). Through the key the same read touches a few pages.
    /// </summary>
    private static async Task<IDbContextTransaction?> BeginReadsThroughTheKeyAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return null;
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private async Task CountBacklogAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - statisticsCountedAt < StatisticsInterval) return;
        statisticsCountedAt = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var outbox = db.Set<OutboxMessage>();
        long count;
        long? oldest;
        // Counted through the key as well: the whole file of an outbox that held a backlog took about 33 ms.
        await using (var counting = await BeginReadsThroughTheKeyAsync(db, cancellationToken))
        {
            count = await outbox.LongCountAsync(cancellationToken);
            // The lowest sequence is the oldest row (found through the key, where MIN(CreatedAt) reads the whole backlog).
            oldest = count == 0 ? null : await outbox.OrderBy(m => m.Sequence).Select(m => (long?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        }
        statistics.Update(count, oldest);
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(failures, 10))) * (0.75 + Random.Shared.NextDouble() * 0.5));

    private async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the relay.
        }
    }

    /// <param name="Shipped">Rows published and deleted.</param>
    /// <param name="MoreWaiting">The batch was full, so the relay goes on at once rather than wait for a commit or its poll.</param>
    internal readonly record struct Shipment(int Shipped, bool MoreWaiting)
    {
        public static readonly Shipment None = new(0, false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ship outbox events (failure {Failures} in a row); they stay in the outbox and will be retried")]
    private static partial void LogShipFailed(ILogger logger, int failures, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipping outbox events again after {Failures} failure(s)")]
    private static partial void LogRecovered(ILogger logger, int failures);
}
