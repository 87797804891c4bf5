using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Tracing;

namespace Mosaic.Platform.Messaging.Consuming;

/// <summary>
/// Commits the effects of messages delivered together in one transaction: one inbox lookup for the
/// group, then each message in turn in its own scope and DbContext on the group's connection, behind
/// a savepoint, and one commit at the end. A message whose handler fails is rolled back to its
/// savepoint and answered "not committed", so the caller runs it on its own with the usual retries;
/// if the group's commit fails, every message is. A handler that overruns its deadline may still be
/// using the group's connection, so it abandons the whole group. Only the commit is shared: each handler still sees
/// the effects of the ones before it, as it would with separate transactions.
/// </summary>
internal sealed partial class GroupCommitter<TContext> : IAsyncDisposable
    where TContext : DbContext
{
    private const int MaxGroup = 128;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly IServiceScopeFactory scopes;
    private readonly MessagingMetrics metrics;
    private readonly IOptions<MessagingOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Task loop;

    public GroupCommitter(IServiceScopeFactory scopes, MessagingMetrics metrics, IOptions<MessagingOptions> options, TimeProvider time, ILogger logger)
    {
        this.scopes = scopes;
        this.metrics = metrics;
        this.options = options;
        this.time = time;
        this.logger = logger;
        loop = Task.Run(RunAsync);
    }

    /// <summary>True once the message's effect is committed (or the inbox shows it was before); false when it must be run on its own.</summary>
    public Task<bool> TryHandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var pending = new Pending(message, Stopwatch.GetTimestamp(), new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Committed.Task.WaitAsync(cancellationToken) : Task.FromResult(false);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>(MaxGroup);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                group.Clear();
                while (group.Count < MaxGroup && queue.Reader.TryRead(out var next)) group.Add(next);
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
            await db.Database.OpenConnectionAsync(stopping.Token);
            await using var transaction = await db.Database.BeginTransactionAsync(stopping.Token);
            var ids = group.Select(p => p.Message.Context.MessageId).ToList();
            var handled = (await db.Set<InboxMessage>().Where(m => ids.Contains(m.MessageId)).Select(m => m.MessageId).ToListAsync(stopping.Token)).ToHashSet();

            for (var i = 0; i < group.Count; i++)
            {
                var message = group[i].Message;
                if (!handled.Add(message.Context.MessageId))
                {
                    outcomes[i] = Outcome.Duplicate;
                    continue;
                }
                if (await TryRunAsync(message, db.Database.GetDbConnection(), transaction)) outcomes[i] = Outcome.Committed;
                else handled.Remove(message.Context.MessageId);
            }
            await transaction.CommitAsync(stopping.Token);
        }
        catch (Exception e)
        {
            // Nothing of the group is committed: every message is answered "run it on your own".
            if (!stopping.IsCancellationRequested) LogGroupFailed(logger, group.Count, e);
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

    /// <summary>Runs one handler in its own scope on the group's connection and transaction, behind a savepoint.</summary>
    private async Task<bool> TryRunAsync(ReceivedMessage message, System.Data.Common.DbConnection connection, IDbContextTransaction transaction)
    {
        const string Savepoint = "mosaic_message";
        await transaction.CreateSavepointAsync(Savepoint, stopping.Token);
        ActivityContext.TryParse(message.Envelope.TraceParent, null, out var parent);
        using var activity = TracingSetup.Source.StartActivity($"consume {message.Message.RoutingKey}", ActivityKind.Consumer, parent);
        using var handling = HandlingScope.Enter(message.Context);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        deadline.CancelAfter(options.Value.ConsumerLease * ConsumerHost<TContext>.HandlerShareOfLease);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            db.Database.SetDbConnection(connection, contextOwnsConnection: false);
            await db.Database.UseTransactionAsync(transaction.GetDbTransaction(), deadline.Token);
            // The message's own savepoint already brackets the save; a second one per save would only cost statements.
            db.Database.AutoSavepointsEnabled = false;

            // A handler that ignores its deadline is left behind rather than allowed to stall every message after it.
            await message.Registration.Handle(scope.ServiceProvider, message.Event, message.Context, deadline.Token).WaitAsync(deadline.Token);
            db.Set<InboxMessage>().Add(new InboxMessage
            {
                MessageId = message.Context.MessageId,
                RoutingKey = message.Context.EventType.RoutingKey,
                HandledAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            });
            await db.SaveChangesAsync(deadline.Token);
            await transaction.ReleaseSavepointAsync(Savepoint, stopping.Token);
            return true;
        }
        catch (Exception e) when (!stopping.IsCancellationRequested && !deadline.IsCancellationRequested)
        {
            // Whatever this handler wrote goes; the message is run again on its own, where failures are retried and counted.
            await transaction.RollbackToSavepointAsync(Savepoint, stopping.Token);
            LogRunAlone(logger, message.Message.RoutingKey, message.Context.MessageId, e.GetType().Name);
            return false;
        }
    }

    /// <summary>Finishes the group in progress (the consumer has drained, so nothing new arrives), within the drain bound.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await loop.WaitAsync(options.Value.ConsumerDrainTimeout);
        }
        catch (TimeoutException)
        {
            await stopping.CancelAsync();
            await loop;
        }
        stopping.Dispose();
    }

    private enum Outcome { NotCommitted, Committed, Duplicate }

    private sealed record Pending(ReceivedMessage Message, long Queued, TaskCompletionSource<bool> Committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Count} message(s) could not be committed together; each is handled on its own")]
    private static partial void LogGroupFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{EventType} message {MessageId} failed in a group ({Error}); handling it on its own")]
    private static partial void LogRunAlone(ILogger logger, string eventType, Guid messageId, string error);
}
