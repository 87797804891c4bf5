using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Messaging.Transport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>
/// One queue's consumer: a channel with a prefetch of <see cref="ConsumerSettings.Concurrency"/>, so the
/// broker hands out at most that many unacknowledged messages, each handled on its own task. A message
/// is settled once: acknowledged after Ack (acks settled together go out together, see
/// <see cref="Acknowledgements"/>); for Retry and DeadLetter its copy is published with a confirm
/// first, then it is acknowledged (a crash in between leaves a duplicate, which the inbox
/// absorbs); given back with a nack when its lease runs out. Whatever is unsettled when the channel
/// goes (a crash, a lost connection, a drain that timed out) the broker delivers again.
/// </summary>
/// <remarks>
/// Attempt = the attempt header of the copy (1 when published, the next attempt on a retry copy) plus
/// the quorum queue's delivery count of that copy (deliveries given back unsettled), so a message held
/// by a consumer that died comes back with the next attempt number.
/// </remarks>
internal sealed partial class RabbitMqConsumer : IAsyncDisposable
{
    // The consumer host catches handler exceptions itself; one that escapes anyway is a host bug, so
    // retry soon rather than apply a backoff that belongs to the host.
    private static readonly TimeSpan ThrownRetryDelay = TimeSpan.FromSeconds(1);

    // A settlement that failed with the connection up (a retry queue that cannot be declared, say):
    // give the message back after this pause, so a lasting fault does not spin through redeliveries.
    private static readonly TimeSpan FailedSettlementPause = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Deliveries are received one at a time, in tag order (each is then handled on a task of its own):
    /// <see cref="Acknowledgements"/> relies on a delivery being registered before any later one is acked.
    /// </summary>
    private static readonly CreateChannelOptions InOrder = new(
        publisherConfirmationsEnabled: false,
        publisherConfirmationTrackingEnabled: false,
        outstandingPublisherConfirmationsRateLimiter: null,
        consumerDispatchConcurrency: 1);

    private readonly RabbitMqTransport transport;
    private readonly IChannel channel;
    private readonly Acknowledgements acknowledgements;
    private readonly string queue;
    private readonly MessageHandler handler;
    private readonly ConsumerSettings settings;
    private readonly ILogger logger;
    private readonly Action<RabbitMqConsumer> stopped;
    private readonly ConcurrentDictionary<ulong, Held> held = new();
    private readonly CancellationTokenSource abandoning = new();
    private readonly Lock disposeLock = new();
    private Task? disposal;
    private string consumerTag = "";
    private volatile bool stopping;

    private RabbitMqConsumer(RabbitMqTransport transport, IChannel channel, string queue, MessageHandler handler, ConsumerSettings settings, ILogger logger, Action<RabbitMqConsumer> stopped)
    {
        this.transport = transport;
        this.channel = channel;
        acknowledgements = new Acknowledgements(channel);
        this.queue = queue;
        this.handler = handler;
        this.settings = settings;
        this.logger = logger;
        this.stopped = stopped;
    }

    public static async Task<RabbitMqConsumer> StartAsync(
        RabbitMqTransport transport,
        IConnection connection,
        string queue,
        MessageHandler handler,
        ConsumerSettings settings,
        ILogger logger,
        Action<RabbitMqConsumer> stopped,
        CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(InOrder, cancellationToken);
        try
        {
            await channel.BasicQosAsync(0, (ushort)settings.Concurrency, global: false, cancellationToken);
            var consumer = new RabbitMqConsumer(transport, channel, queue, handler, settings, logger, stopped);
            var basic = new AsyncEventingBasicConsumer(channel);
            basic.ReceivedAsync += consumer.OnReceivedAsync;
            channel.ChannelShutdownAsync += consumer.OnChannelShutdownAsync;
            consumer.consumerTag = await channel.BasicConsumeAsync(queue, autoAck: false, basic, cancellationToken);
            return consumer;
        }
        catch
        {
            await ChannelLifetime.CloseAsync(channel);
            throw;
        }
    }

    /// <summary>Stops taking messages, lets handlers in flight settle within the drain timeout, then closes the channel.</summary>
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
        stopping = true;
        try
        {
            if (channel.IsOpen) await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
        }
        catch (Exception e) when (ChannelLifetime.IsConnectionFailure(e))
        {
            // The channel is gone already: nothing more is delivered to it.
        }

        var running = held.Values.Select(h => h.Handling).ToArray();
        try
        {
            await Task.WhenAll(running).WaitAsync(settings.DrainTimeout);
        }
        catch (TimeoutException)
        {
            LogAbandoned(logger, queue, running.Count(t => !t.IsCompleted), settings.DrainTimeout.TotalSeconds);
        }
        // Handlers still running are told to stop; their messages go back to the queue with the channel.
        await abandoning.CancelAsync();
        await ChannelLifetime.CloseAsync(channel);
        stopped(this);
        // abandoning is not disposed: handlers left running still read its token when they finally answer.
    }

    private Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        acknowledgements.Received(delivery.DeliveryTag);
        // Arrived while stopping: left unacknowledged, it goes back to the queue when the channel closes.
        if (stopping) return Task.CompletedTask;
        var (message, unreadable) = Read(delivery);
        var entry = new Held(delivery.DeliveryTag, message);
        held[delivery.DeliveryTag] = entry;
        entry.Handling = Task.Run(() => HandleAsync(entry, unreadable));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The channel went (connection lost, broker restart): its deliveries will come again, so nothing in
    /// hand may be settled any more. The client reopens the channel and its consumer once it reconnects.
    /// </summary>
    private Task OnChannelShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        var lost = held.Values.Count(h => h.TrySettle());
        acknowledgements.ChannelLost();
        if (!stopping) LogChannelLost(logger, queue, lost, reason.ReplyCode, reason.ReplyText);
        return Task.CompletedTask;
    }

    private (IncomingMessage Message, string? Unreadable) Read(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        var unreadable = Guid.TryParse(delivery.BasicProperties.MessageId, out var messageId)
            ? null
            : "The message has no Mosaic message id: it was not published through Mosaic.";
        var firstAttempt = MessageHeaders.Number(headers, MessageHeaders.Attempt) ?? 1;
        // Quorum queues count deliveries given back; on any other queue type the redelivered flag is all there is.
        var givenBack = MessageHeaders.Number(headers, MessageHeaders.DeliveryCount) ?? (delivery.Redelivered ? 1 : 0);
        var message = new IncomingMessage(
            queue,
            messageId,
            MessageHeaders.String(headers, MessageHeaders.RoutingKey) ?? delivery.RoutingKey,
            delivery.Body.ToArray(), // the client reuses the delivery's buffer once this callback returns
            (int)Math.Clamp(firstAttempt + givenBack, 1, int.MaxValue));
        return (message, unreadable);
    }

    private async Task HandleAsync(Held delivery, string? unreadable)
    {
        try
        {
            var outcome = unreadable is null ? await HandleWithinLeaseAsync(delivery) : DeliveryOutcome.DeadLetter(unreadable);
            // A drain that ran out abandons what is still in hand to the channel's closing.
            if (outcome is { } decided && !abandoning.IsCancellationRequested) await SettleAsync(delivery, decided);
        }
        finally
        {
            held.TryRemove(delivery.Tag, out _);
        }
    }

    /// <summary>The handler's outcome, or null when the lease ran out first (the message was given back).</summary>
    private async Task<DeliveryOutcome?> HandleWithinLeaseAsync(Held delivery)
    {
        using var handlerStop = CancellationTokenSource.CreateLinkedTokenSource(abandoning.Token);
        using var leaseEnd = new CancellationTokenSource();
        var handling = InvokeHandlerAsync(delivery.Message, handlerStop.Token);
        var lease = Task.Delay(settings.LeaseDuration, leaseEnd.Token);
        if (await Task.WhenAny(handling, lease) == handling)
        {
            await leaseEnd.CancelAsync();
            return await handling;
        }

        // Whatever the handler says from now on is ignored: the message is another delivery's to decide.
        await handlerStop.CancelAsync();
        LogLeaseExpired(logger, queue, delivery.Message.MessageId, delivery.Message.Attempt, settings.LeaseDuration.TotalSeconds);
        await GiveBackAsync(delivery);
        return null;
    }

    private async Task<DeliveryOutcome> InvokeHandlerAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await handler(message, cancellationToken);
        }
        catch (Exception e)
        {
            if (!cancellationToken.IsCancellationRequested) LogHandlerThrew(logger, e, queue, message.MessageId);
            return DeliveryOutcome.Retry(ThrownRetryDelay, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task SettleAsync(Held delivery, DeliveryOutcome outcome)
    {
        if (!delivery.TrySettle()) return;
        try
        {
            switch (outcome.Decision)
            {
                case DeliveryDecision.Ack:
                    break;
                case DeliveryDecision.Retry:
                    await transport.PublishRetryAsync(queue, delivery.Message, outcome.Delay, abandoning.Token);
                    break;
                case DeliveryDecision.DeadLetter:
                    await transport.PublishDeadLetterAsync(queue, delivery.Message, outcome.Error ?? "", abandoning.Token);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown delivery decision {outcome.Decision}.");
            }
            // A tag from before a reconnection is dropped by the client: that delivery comes again anyway.
            // Not cancelled by abandoning: an ack is sent at once, or fails when the channel closes.
            await acknowledgements.AckAsync(delivery.Tag);
        }
        catch (Exception e) when (ChannelLifetime.IsConnectionFailure(e) && (!channel.IsOpen || abandoning.IsCancellationRequested))
        {
            // Not acknowledged: the broker delivers it again, and the inbox recognises what was done.
            LogSettleLost(logger, queue, delivery.Message.MessageId, outcome.Decision);
        }
        // Otherwise this channel still holds the message (another channel failed, e.g. the broker refused the
        // copy): give it back below, or it would wait unacknowledged for as long as this channel lives.
        catch (Exception e)
        {
            LogSettleFailed(logger, e, queue, delivery.Message.MessageId, outcome.Decision);
            try
            {
                await Task.Delay(FailedSettlementPause, abandoning.Token);
                await acknowledgements.RequeueAsync(delivery.Tag, abandoning.Token);
            }
            catch (Exception again) when (ChannelLifetime.IsConnectionFailure(again))
            {
                // Given back by the channel's closing instead.
            }
        }
    }

    /// <summary>Puts a message whose lease ran out back in the queue for any consumer; its delivery count goes up.</summary>
    private async Task GiveBackAsync(Held delivery)
    {
        if (!delivery.TrySettle()) return;
        try
        {
            await acknowledgements.RequeueAsync(delivery.Tag, abandoning.Token);
        }
        catch (Exception e) when (ChannelLifetime.IsConnectionFailure(e))
        {
            // The channel went: the broker gives it back by itself.
        }
    }

    /// <summary>A delivery in hand; settled at most once, by its outcome, its lease or the loss of its channel.</summary>
    private sealed class Held(ulong tag, IncomingMessage message)
    {
        private int settled;

        public ulong Tag { get; } = tag;

        public IncomingMessage Message { get; } = message;

        public Task Handling { get; set; } = Task.CompletedTask;

        public bool TrySettle() => Interlocked.Exchange(ref settled, 1) == 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of {Queue} stopped with {Count} message(s) unfinished after {DrainSeconds} s; they go back to the queue")]
    private static partial void LogAbandoned(ILogger logger, string queue, int count, double drainSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer of {Queue} lost its channel with {Count} message(s) in hand ({ReplyCode} {ReplyText}); they will be delivered again")]
    private static partial void LogChannelLost(ILogger logger, string queue, int count, ushort replyCode, string replyText);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Queue} did not answer message {MessageId} (delivery {Attempt}) within its {LeaseSeconds} s lease; it goes back to the queue and a late answer is ignored")]
    private static partial void LogLeaseExpired(ILogger logger, string queue, Guid messageId, int attempt, double leaseSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for {Queue} threw on message {MessageId}; it will be delivered again")]
    private static partial void LogHandlerThrew(ILogger logger, Exception exception, string queue, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer of {Queue} could not record {Decision} for message {MessageId}: the connection went; it will be delivered again")]
    private static partial void LogSettleLost(ILogger logger, string queue, Guid messageId, DeliveryDecision decision);

    [LoggerMessage(Level = LogLevel.Error, Message = "Consumer of {Queue} could not record {Decision} for message {MessageId}; giving it back to the queue")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string queue, Guid messageId, DeliveryDecision decision);
}
