using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mosaic.Platform.Messaging.Storage;

/// <summary>
/// The inbox and outbox reads made for every message, compiled once per service's context: a LINQ query
/// written inline is looked up in EF Core's query cache on each run (benchmarks/README.md). A compiled
/// query serves one model only, so there is a set per model: one context type on SQLite and on PostgreSQL
/// in one process (a test suite running both) has two.
/// </summary>
internal sealed class MessagingQueries<TContext>
    where TContext : DbContext
{
    private static readonly ConditionalWeakTable<IModel, MessagingQueries<TContext>> PerModel = new();

    /// <summary>The queries compiled for this context's model.</summary>
    public static MessagingQueries<TContext> Of(TContext db) => PerModel.GetValue(db.Model, _ => new MessagingQueries<TContext>());

    public readonly Func<TContext, Guid, CancellationToken, Task<bool>> WasHandled =
        EF.CompileAsyncQuery((TContext db, Guid messageId, CancellationToken _) =>
            db.Set<InboxMessage>().Any(m => m.MessageId == messageId));

    /// <summary>
    /// The oldest rows no relay holds a lease on, in the order they were written: read through the key,
    /// so a long outbox, or one full of deleted rows not yet vacuumed, is not read whole.
    /// </summary>
    public readonly Func<TContext, long, int, IAsyncEnumerable<OutboxMessage>> Unleased =
        EF.CompileAsyncQuery((TContext db, long now, int count) =>
            db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => m.LeaseUntil == null || m.LeaseUntil < now)
                .OrderBy(m => m.Sequence)
                .Take(count));

    /// <summary>Which of these rows (keys from first to last) one claim holds, found through the key.</summary>
    public readonly Func<TContext, long, long, long[], string, IAsyncEnumerable<long>> HeldAmong =
        EF.CompileAsyncQuery((TContext db, long first, long last, long[] sequences, string claim) =>
            db.Set<OutboxMessage>()
                .Where(m => m.Sequence >= first && m.Sequence <= last && sequences.Contains(m.Sequence) && m.LeaseOwner == claim)
                .Select(m => m.Sequence));
}
