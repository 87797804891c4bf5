using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Platform.Messaging.Outbox;

/// <summary>
/// Pulses the relay once outbox rows are committed: after a save that added some, or, when that save
/// ran inside a transaction, after the transaction commits. Saves without outbox rows (a consumer's
/// inbox rows, most requests) leave the relay alone: waking it for nothing cost a query per save.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly object Marker = new();

    /// <summary>Transactions a save added outbox rows in; the relay is pulsed when they commit.</summary>
    private readonly ConditionalWeakTable<DbTransaction, object> transactionsWithOutbox = [];

    /// <summary>Contexts saving outbox rows with no transaction of their own: the save commits them.</summary>
    private readonly ConditionalWeakTable<DbContext, object> savingOutbox = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PulseIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PulseIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => PulseIfNoted(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        PulseIfNoted(transaction);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null || !HasOutboxRows(context.ChangeTracker)) return;
        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } transaction) transactionsWithOutbox.AddOrUpdate(transaction, Marker);
        else savingOutbox.AddOrUpdate(context, Marker);
    }

    /// <summary>
    /// Outbox rows are only ever added (<see cref="OutboxEventBus{TContext}"/>), which the tracker knows
    /// without comparing snapshots, so the save's own change detection is not run a second time here.
    /// </summary>
    private static bool HasOutboxRows(ChangeTracker tracker)
    {
        var detecting = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detecting;
        }
    }

    private void PulseIfCommitted(DbContext? context)
    {
        if (context is not null && savingOutbox.Remove(context)) signal.Pulse();
    }

    private void PulseIfNoted(DbTransaction transaction)
    {
        if (transactionsWithOutbox.Remove(transaction)) signal.Pulse();
    }
}
