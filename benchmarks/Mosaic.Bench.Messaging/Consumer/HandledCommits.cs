using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mosaic.Bench.Messaging.Consumer;

/// <summary>
/// Takes the handled time of an event when its effect is committed. A handler's save may run inside a
/// transaction the platform commits later — a group commit puts many messages' saves in one
/// transaction and commits it after the last — so such events wait here for that transaction's commit
/// (and are forgotten if it rolls back); a save that committed by itself is recorded at once.
/// </summary>
public sealed class HandledCommits(HandledLog log) : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, List<HandledEvent>> pending = [];

    internal void Saved(HandledEvent handled, DbTransaction? openTransaction)
    {
        if (openTransaction is null)
        {
            log.Record(handled, DateTimeOffset.UtcNow);
            return;
        }
        var waiting = pending.GetValue(openTransaction, _ => []);
        lock (waiting) waiting.Add(handled);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => pending.Remove(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Remove(transaction);
        return Task.CompletedTask;
    }

    private void Committed(DbTransaction transaction)
    {
        if (!pending.TryGetValue(transaction, out var waiting)) return;
        pending.Remove(transaction);
        var now = DateTimeOffset.UtcNow;
        lock (waiting)
            foreach (var handled in waiting) log.Record(handled, now);
    }
}
