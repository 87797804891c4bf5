using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Messaging.Transport;
using Mosaic.Platform.Policy.Enforcement;
using Mosaic.Platform.Tracing;

namespace Mosaic.Platform.Messaging.Consuming;

/// <summary>
/// Consumes the service's queue. Each message is handled in a fresh scope whose DbContext is saved
/// once: the handler's changes, the events it published and the inbox row of the message id commit
/// together, and only then is the message acknowledged. A message already in the inbox is
/// acknowledged without its effect happening again: run alone, its handler does not run at all; in a
/// commit group, its inbox row's key rolls the group back and it is then run alone. A handler that throws is retried with exponential
/// backoff and jitter until <see cref="MessagingOptions.MaxAttempts"/>, then dead-lettered with the
/// error; a message that cannot be read is dead-lettered at once.
/// </summary>
internal sealed partial class ConsumerHost<TContext>(
    IServiceScopeFactory scopes,
    IMessageTransport transport,
    MessagingRegistry registry,
    MessagingMetrics metrics,
    MessagingReadiness readiness,
    IOptions<MessagingOptions> options,
    ServiceIdentity identity,
    TimeProvider time,
    ILogger<ConsumerHost<TContext>> logger,
    PolicyEnforcer? policy = null) : BackgroundService
    where TContext : DbContext
{
    /// <summary>
    /// Optimistic-concurrency conflicts are expected under load (many orders for one product): re-run on
    /// fresh state, after a short random pause so the losers do not collide again, without spending a delivery.
    /// </summary>
    private const int ConflictRuns = 10;

    /// <summary>A handler gets this share of the lease; past it the message is retried rather than taken by another instance while it still runs.</summary>
    internal const double HandlerShareOfLease = 0.8;

    private const int MaxErrorLength = 4000;

    private IAsyncDisposable? consumer;
    private GroupCommitter<TContext>? committer;

    public string Queue => identity.Service;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (registry.Consumed.Count > 0) readiness.ExpectConsumer();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (registry.Consumed.Count == 0) return;
        var settings = options.Value;
        for (var failures = 1; !stoppingToken.IsCancellationRequested; failures++)
        {
            try
            {
                await transport.DeclareQueueAsync(Queue, registry.Consumed.Keys.ToList(), stoppingToken);
                if (settings.GroupCommit && registry.Consumed.Values.Any(r => r.Commit == HandlerCommit.Grouped))
                    committer ??= new GroupCommitter<TContext>(scopes, metrics, options, time, logger, TakesConcurrentWriters());
                consumer = await transport.ConsumeAsync(Queue, HandleAsync, new ConsumerSettings
                {
                    Concurrency = settings.ConsumerConcurrency,
                    LeaseDuration = settings.ConsumerLease,
                    DrainTimeout = settings.ConsumerDrainTimeout,
                }, stoppingToken);
                readiness.Consuming(true);
                LogConsuming(logger, Queue, transport.Name, string.Join(", ", registry.Consumed.Keys));
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogStartFailed(logger, Queue, failures, e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, failures)), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private bool TakesConcurrentWriters()
    {
        using var scope = scopes.CreateScope();
        return !scope.ServiceProvider.GetRequiredService<TContext>().Database.IsSqlite();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.Consuming(false);
        // Let a start still in progress finish or give up first, so a consumer it creates is drained too.
        await base.StopAsync(cancellationToken);
        if (consumer is not null) await consumer.DisposeAsync();
        if (committer is not null) await committer.DisposeAsync();
    }

    internal async Task<DeliveryOutcome> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        // Deliveries are counted when they are handed out, so a message whose handler takes the whole
        // process down never reaches the failure path below; it must still end in the dead letters.
        if (message.Attempt > options.Value.MaxAttempts)
            return DeadLetter(message, "attempts-exhausted",
                $"Delivered {message.Attempt} times without an outcome (the handling process stopped or hung each time).");

        EventEnvelope envelope;
        EventRegistration? registration;
        object @event;
        try
        {
            envelope = JsonSerializer.Deserialize<EventEnvelope>(message.Body.Span, MessagingJson.Options)
                ?? throw new JsonException("The message body is null.");
            if (!registry.Consumed.TryGetValue(envelope.TypeName.RoutingKey, out registration))
                return DeadLetter(message, "no-handler", $"{identity.Service} has no handler for {envelope.TypeName}.");
            // The embedded bus has no broker permissions: the policy is checked here on every message, publisher included.
            if (policy is not null && !policy.AllowsDelivery(envelope.TypeName.Type, envelope.Source))
                return DeadLetter(message, "not-allowed", $"The policy does not allow {envelope.Source} to publish {envelope.TypeName.Type} to {identity.Service}.");
            @event = registration.Read(envelope.Data, MessagingJson.Options);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return DeadLetter(message, "unreadable", $"The message cannot be read as an event envelope: {e.Message}");
        }

        var context = new EventContext(envelope.Id, envelope.TypeName, envelope.Source, envelope.Time, envelope.CorrelationId, message.Attempt);
        if (registration.Commit == HandlerCommit.Grouped && committer is not null
            && await committer.TryHandleAsync(new ReceivedMessage(message, envelope, registration, @event, context), cancellationToken))
            return DeliveryOutcome.Ack();

        ActivityContext.TryParse(envelope.TraceParent, null, out var parent);
        using var activity = TracingSetup.Source.StartActivity($"consume {message.RoutingKey}", ActivityKind.Consumer, parent);
        using var handling = HandlingScope.Enter(context);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.ConsumerLease * HandlerShareOfLease);

        for (var run = 1; ; run++)
        {
            try
            {
                if (await HandleOnceAsync(registration, @event, context, deadline.Token))
                    metrics.Consumed(message.RoutingKey, Stopwatch.GetElapsedTime(started), time.GetUtcNow() - envelope.Time);
                else
                    metrics.DuplicateSkipped(message.RoutingKey);
                return DeliveryOutcome.Ack();
            }
            catch (DbUpdateException) when (run < ConflictRuns && !deadline.IsCancellationRequested)
            {
                // Another instance changed the same rows, or handled this very message, since we read them: run again on fresh state.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * run)), time, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                var error = Describe(e);
                if (message.Attempt >= options.Value.MaxAttempts)
                {
                    LogGaveUp(logger, message.RoutingKey, envelope.Id, message.Attempt, e);
                    return DeadLetter(message, "handler-failed", error);
                }
                var delay = Backoff(message.Attempt);
                metrics.Retried(message.RoutingKey);
                LogRetrying(logger, message.RoutingKey, envelope.Id, message.Attempt, delay.TotalMilliseconds, e);
                return DeliveryOutcome.Retry(delay, error);
            }
        }
    }

    /// <summary>Runs the handler and commits its effect with the inbox row; false when the inbox shows it was done before.</summary>
    private async Task<bool> HandleOnceAsync(EventRegistration registration, object @event, EventContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (await MessagingQueries<TContext>.Of(db).WasHandled(db, context.MessageId, cancellationToken)) return false;

        // A handler that ignores its deadline is left behind, so that it cannot hold a consumer slot for ever.
        await registration.Handle(scope.ServiceProvider, @event, context, cancellationToken).WaitAsync(cancellationToken);
        db.Set<InboxMessage>().Add(new InboxMessage
        {
            MessageId = context.MessageId,
            RoutingKey = context.EventType.RoutingKey,
            HandledAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private DeliveryOutcome DeadLetter(IncomingMessage message, string reason, string error)
    {
        metrics.DeadLettered(message.RoutingKey, reason);
        LogDeadLettered(logger, message.RoutingKey, message.MessageId, reason);
        return DeliveryOutcome.DeadLetter(error);
    }

    /// <summary>Exponential from the base delay, capped, with ±50 % jitter so failed messages do not retry in lockstep.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var settings = options.Value;
        var exponential = settings.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, settings.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
    }

    private static string Describe(Exception e)
    {
        var text = e.ToString();
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming queue {Queue} on the {Transport} transport: {EventTypes}")]
    private static partial void LogConsuming(ILogger logger, string queue, string transport, string eventTypes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start consuming queue {Queue} (attempt {Attempt}); trying again")]
    private static partial void LogStartFailed(ILogger logger, string queue, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {EventType} failed on message {MessageId} (delivery {Attempt}); retrying in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, string eventType, Guid messageId, int attempt, double delayMs, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handler for {EventType} failed on message {MessageId} for the last time (delivery {Attempt})")]
    private static partial void LogGaveUp(ILogger logger, string eventType, Guid messageId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered {EventType} message {MessageId}: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string eventType, Guid messageId, string reason);
}
