using Microsoft.EntityFrameworkCore;

namespace Mosaic.Platform.Messaging.Storage;

/// <summary>
/// The inbox and outbox reads made for every message, compiled once per service's context: a LINQ query
/// written inline is looked up in EF Core's query cache on each run (benchmarks/README.md).
/// </summary>
internal static class MessagingQueries<TContext>
    where TContext : DbContext
{
    public static readonly Func<TContext, Guid, CancellationToken, Task<bool>> WasHandled =
        EF.CompileAsyncQuery((TContext db, Guid messageId, CancellationToken _) =>
            db.Set<InboxMessage>().Any(m => m.MessageId == messageId));

    /// <summary>Which of these messages the inbox holds already.</summary>
    public static readonly Func<TContext, Guid[], IAsyncEnumerable<Guid>> HandledAmong =
        EF.CompileAsyncQuery((TContext db, Guid[] messageIds) =>
            db.Set<InboxMessage>().Where(m => messageIds.Contains(m.MessageId)).Select(m => m.MessageId));

    /// <summary>The outbox rows one claim leased, in the order they were written.</summary>
    public static readonly Func<TContext, string, IAsyncEnumerable<OutboxMessage>> Claimed =
        EF.CompileAsyncQuery<TContext, string, OutboxMessage>((db, claim) =>
            db.Set<OutboxMessage>().AsNoTracking().Where(m => m.LeaseOwner == claim).OrderBy(m => m.Sequence));
}
