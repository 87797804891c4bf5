using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Messaging.Transport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>
/// Integration events on RabbitMQ. Events go to one durable topic exchange, routed by their versioned
/// type; each consuming service has one durable quorum queue bound to the types it handles (fan-out
/// by binding, competing consumers by sharing the queue). Publishing waits for the broker's confirms
/// of a whole batch; a consumer acknowledges a message only once its handler answered Ack. Delayed
/// retries wait in per-queue TTL queues that dead-letter back; given-up messages go to the queue's
/// dead-letter queue. See docs/adr/0006-rabbitmq-transport.md.
/// </summary>
/// <remarks>
/// <para>
/// One connection per instance, opened in the background from construction on and recovered by the
/// client (with the exchange, queues, bindings and consumers declared on it) after it is lost. Until
/// it is up, <see cref="IsConnected"/> is false and every operation throws, so the caller's retry
/// loop (consumer start, outbox relay) decides when to try again.
/// </para>
/// <para>
/// An event whose type no queue is bound to is dropped by the broker, as the embedded transport drops
/// it: events are published without the mandatory flag, so such a publish is confirmed, not returned.
/// </para>
/// <para>
/// Ordering: a queue is FIFO, so one consumer with <see cref="ConsumerSettings.Concurrency"/> = 1
/// receives it in publish order, unless a retry or a redelivery intervenes.
/// </para>
/// </remarks>
public sealed partial class RabbitMqTransport : IMessageTransport, IBusAdministration, IBrokerConnection
{
    private readonly RabbitMqOptions options;
    private readonly ConnectionFactory factory;
    private readonly string connectionName;
    private readonly TimeProvider time;
    private readonly ILogger<RabbitMqTransport> logger;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private readonly CancellationTokenSource disposing = new();
    private readonly ConcurrentDictionary<string, bool> serviceQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> declared = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RabbitMqConsumer, bool> consumers = new();
    private readonly Task keepConnecting;
    private IConnection? connection;
    private ConfirmingChannels? publishers;
    private int disposed;

    /// <param name="connectionName">Names the connection on the broker (<c>rabbitmqctl list_connections user_provided_name</c>), e.g. <c>orders-0</c>.</param>
    /// <param name="administeredQueues">
    /// Service queues that <see cref="QueueStatsAsync"/>, <see cref="DeadLettersAsync"/> and a redrive of all
    /// queues look at, besides those this instance declared or consumes (the broker cannot list its queues over AMQP).
    /// </param>
    public RabbitMqTransport(
        RabbitMqOptions options,
        string connectionName,
        TimeProvider timeProvider,
        ILogger<RabbitMqTransport> logger,
        IEnumerable<string>? administeredQueues = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options;
        factory = options.CreateConnectionFactory();
        this.connectionName = connectionName;
        time = timeProvider;
        this.logger = logger;
        foreach (var queue in administeredQueues ?? []) serviceQueues.TryAdd(queue, true);
        Endpoint = $"{factory.HostName}:{(factory.Port > 0 ? factory.Port : factory.Ssl.Enabled ? 5671 : 5672)}/{(factory.VirtualHost == "/" ? "" : factory.VirtualHost)}";
        keepConnecting = Task.Run(KeepConnectingAsync);
    }

    public string Name => "rabbitmq";

    public string Endpoint { get; }

    public bool IsConnected => Volatile.Read(ref connection) is { IsOpen: true };

    /// <summary>The service queues this instance knows of: given at construction, declared or consumed here.</summary>
    internal IReadOnlyCollection<string> KnownQueues => [.. serviceQueues.Keys.Order(StringComparer.Ordinal)];

    internal string Exchange => options.Exchange;

    /// <summary>
    /// Declares the queue (a quorum queue), its dead-letter queue and a binding from the exchange for each
    /// routing key. Bindings this service no longer wants are not removed: AMQP cannot list them; a
    /// leftover one brings events nobody handles, which the consumer host dead-letters as "no-handler",
    /// and an operator unbinds it with the broker's tools.
    /// </summary>
    public async Task DeclareQueueAsync(string queue, IReadOnlyCollection<string> routingKeys, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(routingKeys);
        foreach (var key in routingKeys) ArgumentException.ThrowIfNullOrWhiteSpace(key, nameof(routingKeys));
        var channel = await OpenChannelAsync(cancellationToken);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: BrokerTopology.ServiceQueueArguments(), cancellationToken: cancellationToken);
            foreach (var key in routingKeys.Distinct(StringComparer.Ordinal))
                await channel.QueueBindAsync(queue, options.Exchange, key, cancellationToken: cancellationToken);
        }
        finally
        {
            await ChannelLifetime.CloseAsync(channel);
        }
        serviceQueues.TryAdd(queue, true);
        await EnsureSettlementQueueAsync(queue, BrokerTopology.DeadLetterQueue(queue), BrokerTopology.DeadLetterQueueArguments(), cancellationToken);
    }

    /// <summary>
    /// Writes the whole batch on one confirm-mode channel, then waits for all its confirms; throws if any
    /// message is nacked or the channel or connection is lost before every confirm arrived, so the caller
    /// keeps (and later repeats) the batch. Messages are persistent; each carries its id and attempt 1.
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) return;
        var channels = await PublishersAsync(cancellationToken);
        var channel = await channels.RentAsync(cancellationToken);
        var confirmed = false;
        try
        {
            var timestamp = new AmqpTimestamp(time.GetUtcNow().ToUnixTimeSeconds());
            var confirms = new Task[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                var properties = new BasicProperties
                {
                    MessageId = message.MessageId.ToString(),
                    Persistent = true,
                    Timestamp = timestamp,
                    Headers = new Dictionary<string, object?> { [MessageHeaders.Attempt] = 1 },
                };
                // Not awaited one by one: the writes go out in order and the confirms come back together.
                confirms[i] = channel.BasicPublishAsync(options.Exchange, message.RoutingKey, mandatory: false, properties, message.Body, cancellationToken).AsTask();
            }
            await Task.WhenAll(confirms);
            confirmed = true;
        }
        finally
        {
            await channels.ReturnAsync(channel, confirmed);
        }
    }

    public async Task<IAsyncDisposable> ConsumeAsync(string queue, MessageHandler handler, ConsumerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Concurrency, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.Concurrency, ushort.MaxValue, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.LeaseDuration, TimeSpan.Zero, nameof(settings));
        var open = await ConnectionAsync(cancellationToken);
        var consumer = await RabbitMqConsumer.StartAsync(this, open, queue, handler, settings, logger, c => consumers.TryRemove(c, out _), cancellationToken);
        consumers.TryAdd(consumer, true);
        serviceQueues.TryAdd(queue, true);
        return consumer;
    }

    /// <summary>Stops every consumer of this instance (each drains as its settings say), then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        await disposing.CancelAsync();
        await keepConnecting;
        await Task.WhenAll(consumers.Keys.Select(c => c.DisposeAsync().AsTask()));
        if (publishers is not null) await publishers.DisposeAsync();
        if (Volatile.Read(ref connection) is { } open)
        {
            try
            {
                await open.CloseAsync();
            }
            catch (Exception e) when (ChannelLifetime.IsConnectionFailure(e))
            {
                // Already gone: nothing to close.
            }
            await open.DisposeAsync();
        }
        disposing.Dispose();
        connecting.Dispose();
    }

    /// <summary>Sends a copy of a delivered message back to its queue, through the retry queue of the delay's tier.</summary>
    internal async Task PublishRetryAsync(string queue, IncomingMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var target = queue;
        if (delay > TimeSpan.Zero)
        {
            var tier = BrokerTopology.RetryTier(delay);
            target = BrokerTopology.RetryQueue(queue, tier);
            await EnsureSettlementQueueAsync(queue, target, BrokerTopology.RetryQueueArguments(queue, tier), cancellationToken);
            await PublishSettlementAsync(queue, target, CopyProperties(message.MessageId, message.RoutingKey, message.Attempt + 1), message.Body, cancellationToken);
            return;
        }
        await PublishToQueueAsync(queue, CopyProperties(message.MessageId, message.RoutingKey, message.Attempt + 1), message.Body, cancellationToken);
    }

    /// <summary>Parks a copy of a delivered message in its queue's dead-letter queue, with what <c>mosaic bus dlq</c> shows.</summary>
    internal async Task PublishDeadLetterAsync(string queue, IncomingMessage message, string error, CancellationToken cancellationToken)
    {
        var deadLetters = BrokerTopology.DeadLetterQueue(queue);
        await EnsureSettlementQueueAsync(queue, deadLetters, BrokerTopology.DeadLetterQueueArguments(), cancellationToken);
        var properties = CopyProperties(message.MessageId, message.RoutingKey, message.Attempt);
        properties.Headers![MessageHeaders.LetterId] = Guid.NewGuid().ToString("N");
        properties.Headers[MessageHeaders.Queue] = queue;
        properties.Headers[MessageHeaders.Attempts] = message.Attempt;
        properties.Headers[MessageHeaders.Error] = error;
        properties.Headers[MessageHeaders.DeadLetteredAt] = time.GetUtcNow().ToUnixTimeMilliseconds();
        await PublishSettlementAsync(queue, deadLetters, properties, message.Body, cancellationToken);
    }

    /// <summary>Properties of a copy sent straight to a queue: its routing key is the queue's name, so the event's travels in a header.</summary>
    internal BasicProperties CopyProperties(Guid messageId, string routingKey, int attempt) => new()
    {
        MessageId = messageId.ToString(),
        Persistent = true,
        Timestamp = new AmqpTimestamp(time.GetUtcNow().ToUnixTimeSeconds()),
        Headers = new Dictionary<string, object?>
        {
            [MessageHeaders.Attempt] = attempt,
            [MessageHeaders.RoutingKey] = routingKey,
        },
    };

    /// <summary>A retry copy for at once: straight back to the service's queue, which is bound to its settlement exchange by its own name.</summary>
    private Task PublishToQueueAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        PublishSettlementAsync(queue, queue, properties, body, cancellationToken);

    /// <summary>
    /// Publishes to <paramref name="target"/> (the queue itself, one of its retry queues or its dead-letter queue)
    /// through the queue's settlement exchange and waits for the confirm. Mandatory: should the target be gone,
    /// the broker returns the message and this throws, rather than the copy being lost.
    /// </summary>
    private async Task PublishSettlementAsync(string queue, string target, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await EnsureSettlementExchangeAsync(queue, cancellationToken);
        var channels = await PublishersAsync(cancellationToken);
        var channel = await channels.RentAsync(cancellationToken);
        var confirmed = false;
        try
        {
            await channel.BasicPublishAsync(BrokerTopology.SettlementExchange(queue), target, mandatory: true, properties, body, cancellationToken);
            confirmed = true;
        }
        finally
        {
            await channels.ReturnAsync(channel, confirmed);
        }
    }

    /// <summary>
    /// Declares one of <paramref name="queue"/>'s retry or dead-letter queues if it is missing and binds it to the
    /// queue's settlement exchange by its own name, once per instance (the broker keeps durable queues). One that
    /// exists is used as it is: a retry queue of an earlier version dead-letters through the default exchange, which
    /// still works, where declaring it again with today's arguments would be refused as inequivalent.
    /// </summary>
    private async Task EnsureSettlementQueueAsync(string queue, string target, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        if (declared.ContainsKey(target)) return;
        await EnsureSettlementExchangeAsync(queue, cancellationToken);
        var channel = await OpenChannelAsync(cancellationToken);
        try
        {
            if (await CountOrNullAsync(channel, target, cancellationToken) is null)
            {
                // Missing, and the broker closed the channel to say so: declare it on a fresh one.
                await ChannelLifetime.CloseAsync(channel);
                channel = await OpenChannelAsync(cancellationToken);
                await channel.QueueDeclareAsync(target, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken);
            }
            await channel.QueueBindAsync(target, BrokerTopology.SettlementExchange(queue), target, cancellationToken: cancellationToken);
        }
        finally
        {
            await ChannelLifetime.CloseAsync(channel);
        }
        declared.TryAdd(target, true);
    }

    /// <summary>The queue's settlement exchange, with the queue itself bound to it (for retries without a delay), once per instance.</summary>
    private async Task EnsureSettlementExchangeAsync(string queue, CancellationToken cancellationToken)
    {
        var exchange = BrokerTopology.SettlementExchange(queue);
        if (declared.ContainsKey(exchange)) return;
        var channel = await OpenChannelAsync(cancellationToken);
        try
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, exchange, queue, cancellationToken: cancellationToken);
        }
        finally
        {
            await ChannelLifetime.CloseAsync(channel);
        }
        declared.TryAdd(exchange, true);
    }

    internal async Task<IChannel> OpenChannelAsync(CancellationToken cancellationToken) =>
        await (await ConnectionAsync(cancellationToken)).CreateChannelAsync(cancellationToken: cancellationToken);

    private async Task<ConfirmingChannels> PublishersAsync(CancellationToken cancellationToken)
    {
        await ConnectionAsync(cancellationToken);
        return publishers!;
    }

    /// <summary>The connection, opening it now if it was never opened; a lost one is the client's to recover.</summary>
    internal async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (Volatile.Read(ref connection) is { } existing) return existing;
        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection is { } raced) return raced;
            var opened = await factory.CreateConnectionAsync(connectionName, cancellationToken);
            try
            {
                await EnsureEventsExchangeAsync(opened, cancellationToken);
            }
            catch
            {
                await opened.DisposeAsync();
                throw;
            }
            opened.ConnectionShutdownAsync += OnConnectionLostAsync;
            opened.RecoverySucceededAsync += OnConnectionRecoveredAsync;
            publishers = new ConfirmingChannels(opened);
            Volatile.Write(ref connection, opened);
            LogConnected(logger, Endpoint, connectionName);
            return opened;
        }
        finally
        {
            connecting.Release();
        }
    }

    /// <summary>
    /// Checks that the events exchange exists (a passive declaration needs no permission) and declares it only
    /// when it is missing. A service's own broker user may not configure it (it could delete it for everyone):
    /// whoever sets up the broker declares it (<c>mosaic</c> does, with the users it renders from the policy).
    /// </summary>
    private async Task EnsureEventsExchangeAsync(IConnection opened, CancellationToken cancellationToken)
    {
        var channel = await opened.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.ExchangeDeclarePassiveAsync(options.Exchange, cancellationToken);
            return;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            // Missing: declared below, on a fresh channel (the broker closed this one).
        }
        finally
        {
            await ChannelLifetime.CloseAsync(channel);
        }
        channel = await opened.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.ExchangeDeclareAsync(options.Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        }
        finally
        {
            await ChannelLifetime.CloseAsync(channel);
        }
    }

    /// <summary>Opens the first connection as soon as the broker answers, so readiness turns true without waiting for a caller.</summary>
    private async Task KeepConnectingAsync()
    {
        for (var failures = 1; !disposing.IsCancellationRequested; failures++)
        {
            try
            {
                await ConnectionAsync(disposing.Token);
                return;
            }
            catch (OperationCanceledException) when (disposing.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                // Once, then now and then: a broker that is down for long must not flood the log.
                if (failures == 1 || failures % 30 == 0) LogUnreachable(logger, e, Endpoint, failures, options.ReconnectInterval.TotalSeconds);
            }
            try
            {
                await Task.Delay(options.ReconnectInterval, disposing.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Task OnConnectionLostAsync(object sender, ShutdownEventArgs reason)
    {
        if (disposed == 0) LogConnectionLost(logger, Endpoint, reason.ReplyCode, reason.ReplyText);
        return Task.CompletedTask;
    }

    private Task OnConnectionRecoveredAsync(object sender, AsyncEventArgs args)
    {
        LogRecovered(logger, Endpoint);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to RabbitMQ at {Endpoint} as {ConnectionName}")]
    private static partial void LogConnected(ILogger logger, string endpoint, string connectionName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach RabbitMQ at {Endpoint} (attempt {Attempt}); trying again every {IntervalSeconds} s, not ready meanwhile")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string endpoint, int attempt, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the connection to RabbitMQ at {Endpoint} ({ReplyCode} {ReplyText}); recovering, not ready meanwhile")]
    private static partial void LogConnectionLost(ILogger logger, string endpoint, ushort replyCode, string replyText);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered the connection to RabbitMQ at {Endpoint}, with its queues, bindings and consumers")]
    private static partial void LogRecovered(ILogger logger, string endpoint);
}
