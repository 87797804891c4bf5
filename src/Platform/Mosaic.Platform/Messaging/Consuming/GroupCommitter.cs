using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Tracing;

namespace Mosaic.Platform.Messaging.Consuming;

/// <summary>
/// Commits the effects of messages delivered together in one transaction: each message in turn on the
/// group's scope and DbContext (its handler, then its inbox row, saved), and one commit at the end. The
/// change tracker is cleared after each message, so a handler starts from the database as the ones
/// before it left it, as it would with separate transactions. If any message fails (its handler throws,
/// its save fails, or it overruns its deadline) the whole group is rolled back and every message in it
/// is answered "not committed", so each runs on its own with the usual retries; the same when the
/// commit fails. A message whose inbox row exists
/// already fails the group the same way, and on its own is skipped as a duplicate.
/// </summary>
/// <remarks>
/// One scope and DbContext for the group rather than one per message: creating a DbContext and a
/// savepoint per message cost more than the handlers themselves (see benchmarks/messaging). Handlers
/// are resolved from the group's scope, so a scoped handler instance serves every message of the group.
/// </remarks>
internal sealed partial class GroupCommitter<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    /// <summary>
    /// Groups committed at once on a database that takes concurrent writers (PostgreSQL): a group spends
    /// most of its time waiting on round trips and its commit, so several in flight keep the consumer
    /// busy. SQLite takes one writer at a time, so there one group commits at a time.
    /// </summary>
    internal const int ConcurrentGroups = 4;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();
    private readonly CancellationTokenSource stopping = new();
    private readonly IServiceScopeFactory scopes;
    private readonly MessagingMetrics metrics;
    private readonly IOptions<MessagingOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly int maxGroup;
    private readonly Task loops;

    /// <param name="concurrentWriters">Whether the database takes writers at once (anything but SQLite).</param>
    public GroupCommitter(IServiceScopeFactory scopes, MessagingMetrics metrics, IOptions<MessagingOptions> options, TimeProvider time, ILogger logger, bool concurrentWriters)
    {
        this.scopes = scopes;
        this.metrics = metrics;
        this.options = options;
        this.time = time;
        this.logger = logger;
        var groups = concurrentWriters ? ConcurrentGroups : 1;
        // The consumer holds ConsumerConcurrency messages at once; split evenly, every group has a share.
        maxGroup = Math.Max(1, options.Value.ConsumerConcurrency / groups);
        loops = Task.WhenAll(Enumerable.Range(0, groups).Select(_ => Task.Run(RunAsync)));
    }

    /// <summary>True once the message's effect is committed (or it was a second copy within the group); false when it must be run on its own.</summary>
    public Task<bool> TryHandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var pending = new Pending(message, Stopwatch.GetTimestamp(), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Committed.Task.WaitAsync(cancellationToken) : Task.FromResult(false);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(maxGroup);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                group.Clear();
                while (group.Count < maxGroup && queue.Reader.TryRead(out var next)) group.Add(next);
                if (group.Count == 0) continue; // another group took them
                await CommitGroupAsync(group);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever is still queued is answered below and runs on its own (or not at all).
        }
        while (queue.Reader.TryRead(out var left)) left.Committed.TrySetResult(false);
    }

    private async Task CommitGroupAsync(List<Pending> group)
    {
        var outcomes = new Outcome[group.Count];
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(stopping.Token);
            // The group's transaction brackets every save; a savepoint per save would only cost statements.
            db.Database.AutoSavepointsEnabled = false;
            // The inbox is not read first: a message handled before (a redelivery) fails its inbox row's
            // key, which rolls the group back, and on its own the message is recognised and skipped.
            // Redeliveries are rare; a lookup for every group cost a round trip and a query each time.
            var inGroup = new HashSet<Guid>(group.Count);
            for (var i = 0; i < group.Count; i++)
            {
                var message = group[i].Message;
                if (!inGroup.Add(message.Context.MessageId))
                {
                    outcomes[i] = Outcome.Duplicate;
                    continue;
                }
                await RunAsync(message, scope.ServiceProvider, db);
                outcomes[i] = Outcome.Committed;
            }
            await transaction.CommitAsync(stopping.Token);
        }
        catch (Exception e)
        {
            // Nothing of the group is committed: every message is answered "run it on your own".
            if (!stopping.IsCancellationRequested) LogGroupFailed(logger, group.Count, e.GetType().Name, e.Message);
            Array.Clear(outcomes);
        }

        var now = time.GetUtcNow();
        for (var i = 0; i < group.Count; i++)
        {
            var (message, queued, committed) = group[i];
            if (outcomes[i] == Outcome.Committed)
                metrics.Consumed(message.Message.RoutingKey, Stopwatch.GetElapsedTime(queued), now - message.Envelope.Time);
            else if (outcomes[i] == Outcome.Duplicate)
                metrics.DuplicateSkipped(message.Message.RoutingKey);
            committed.TrySetResult(outcomes[i] != Outcome.NotCommitted);
        }
    }

    /// <summary>Runs one handler on the group's scope and saves its effect with the message's inbox row, inside the group's transaction.</summary>
    private async Task RunAsync(ReceivedMessage message, IServiceProvider services, TContext db)
    {
        ActivityContext.TryParse(message.Envelope.TraceParent, null, out var parent);
        using var activity = TracingSetup.Source.StartActivity($"consume {message.Message.RoutingKey}", ActivityKind.Consumer, parent);
        using var handling = HandlingScope.Enter(message.Context);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        deadline.CancelAfter(options.Value.ConsumerLease * ConsumerHost<TContext>.HandlerShareOfLease);

        // A handler that ignores its deadline is left behind rather than allowed to stall every message after it.
        await message.Registration.Handle(services, message.Event, message.Context, deadline.Token).WaitAsync(deadline.Token);
        db.Set<InboxMessage>().Add(new InboxMessage
        {
            MessageId = message.Context.MessageId,
            RoutingKey = message.Context.EventType.RoutingKey,
            HandledAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(deadline.Token);
        db.ChangeTracker.Clear();
    }

    /// <summary>Finishes the group in progress (the consumer has drained, so nothing new arrives), within the drain bound.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await loops.WaitAsync(options.Value.ConsumerDrainTimeout);
        }
        catch (TimeoutException)
        {
            await stopping.CancelAsync();
            await loops;
        }
        stopping.Dispose();
    }

    private enum Outcome { NotCommitted, Committed, Duplicate }

    private sealed record Pending(ReceivedMessage Message, long Queued, TaskCompletionSource<bool> Committed);

    // Not an error: each message is handled again on its own, where a failure is retried, logged in full and counted.
    [LoggerMessage(Level = LogLevel.Information, Message = "A group of {Count} message(s) could not be committed together ({Error}: {Reason}); each is handled on its own")]
    private static partial void LogGroupFailed(ILogger logger, int count, string error, string reason);
}
