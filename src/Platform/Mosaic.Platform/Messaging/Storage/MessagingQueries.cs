using Microsoft.EntityFrameworkCore;

namespace Mosaic.Platform.Messaging.Storage;

/// <summary>
/// The inbox reads made for every message, compiled once per service's context: a LINQ query
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
}
