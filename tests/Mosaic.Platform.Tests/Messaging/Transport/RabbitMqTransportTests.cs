using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.RabbitMq;
using Mosaic.Platform.Messaging.Transport;
using Mosaic.Platform.Tests.Messaging.Support;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Platform.Tests.Messaging.Transport;

/// <summary>
/// The RabbitMQ transport against the conformance suite on the server in <c>MOSAIC_TEST_RABBITMQ</c>,
/// plus what only a broker has: its topology, retry queues, and losing and regaining the connection.
/// Each transport instance stands for one process; the tests' queues are deleted afterwards.
/// </summary>
public sealed class RabbitMqTransportTests : TransportConformanceTests
{
    /// <summary>Not the services' exchange, so tests on a shared broker never see their events.</summary>
    private const string TestExchange = "mosaic.conformance";

    private readonly ConcurrentBag<RabbitMqTransport> created = [];

    protected override Task<IMessageTransport> CreateTransportAsync() => Task.FromResult<IMessageTransport>(NewTransport());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var transport in created) await transport.DisposeAsync();
        var queues = created.SelectMany(t => t.KnownQueues).Distinct().ToList();
        if (queues.Count == 0) return;
        await using var connection = await BrokerAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in queues)
        {
            var companions = BrokerTopology.RetryTiers.Select(tier => BrokerTopology.RetryQueue(queue, tier)).Append(BrokerTopology.DeadLetterQueue(queue));
            foreach (var name in companions.Prepend(queue)) await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
            await channel.ExchangeDeleteAsync(BrokerTopology.SettlementExchange(queue), ifUnused: false);
        }
    }

    private RabbitMqTransport NewTransport(string? uri = null)
    {
        var transport = new RabbitMqTransport(
            new RabbitMqOptions { Uri = uri ?? ProductionServers.RequireRabbitMq(), Exchange = TestExchange, ReconnectInterval = TimeSpan.FromMilliseconds(200) },
            $"conformance-{Guid.NewGuid():N}",
            TimeProvider.System,
            NullLogger<RabbitMqTransport>.Instance);
        created.Add(transport);
        return transport;
    }

    private static Task<IConnection> BrokerAsync() =>
        new ConnectionFactory { Uri = new Uri(ProductionServers.RequireRabbitMq()) }.CreateConnectionAsync(Cancellation);

    /// <summary>Declares <paramref name="queue"/> as given; the broker refuses with 406 if it exists with other arguments.</summary>
    private static async Task<ushort?> RedeclareAsync(IConnection connection, string queue, string type)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        try
        {
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = type }, cancellationToken: Cancellation);
            return null;
        }
        catch (OperationInterruptedException e)
        {
            return e.ShutdownReason?.ReplyCode;
        }
    }

    private static async Task<bool> ExistsAsync(IConnection connection, string queue)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, Cancellation);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_service_queue_is_a_durable_quorum_queue_bound_to_the_topic_exchange()
    {
        var transport = await ConnectAsync();
        var (queue, key) = (NewQueueName(), NewRoutingKey());

        await transport.DeclareQueueAsync(queue, [key], Cancellation);

        await using var broker = await BrokerAsync();
        Assert.Null(await RedeclareAsync(broker, queue, "quorum"));
        Assert.Equal((ushort)406, await RedeclareAsync(broker, queue, "classic"));
        Assert.True(await ExistsAsync(broker, BrokerTopology.DeadLetterQueue(queue)));
        await using var channel = await broker.CreateChannelAsync(cancellationToken: Cancellation);
        // Declaring the exchange as a topic exchange again succeeds only if that is what it is.
        await channel.ExchangeDeclareAsync(TestExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: Cancellation);
        await channel.BasicPublishAsync(TestExchange, key, Message(key, "straight from another client").Body, Cancellation);
        var got = await EventuallyAsync(() => channel.BasicGetAsync(queue, autoAck: true, Cancellation), g => g is not null, "the message in the queue");
        Assert.Equal("straight from another client", System.Text.Encoding.UTF8.GetString(got!.Body.Span));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://mosaic:s3cret-pass@broker:5672/")]
    [InlineData("amqp://mosaic:s3cret-pass@/")]
    public void A_rabbitmq_transport_without_a_usable_uri_is_refused_naming_the_setting_and_not_the_password(string? uri)
    {
        var options = new MessagingOptions { Transport = "rabbitmq", RabbitMq = { Uri = uri } };
        var problems = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true));

        var problem = Assert.Single(problems).ErrorMessage;
        Assert.StartsWith("Mosaic:Messaging:RabbitMq:Uri ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rabbitmq_settings_are_not_checked_when_another_transport_is_chosen()
    {
        var options = new MessagingOptions { Transport = "embedded", RabbitMq = { Uri = null } };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(100, 100)]
    [InlineData(150, 200)]
    [InlineData(30_000, 51_200)]
    [InlineData(600_000, 102_400)]
    public void A_retry_delay_is_rounded_up_to_the_next_tier_and_capped_at_the_longest(int requestedMs, int tierMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(tierMs), BrokerTopology.RetryTier(TimeSpan.FromMilliseconds(requestedMs)));

    [Fact]
    public async Task A_delayed_retry_waits_in_the_retry_queue_of_its_tier_and_comes_back_as_the_same_event()
    {
        var transport = await ConnectAsync();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder((m, _) => Task.FromResult(
            m.Attempt == 1 ? DeliveryOutcome.Retry(TimeSpan.FromMilliseconds(150), "not yet") : DeliveryOutcome.Ack())));
        var sent = Message(key, "later");

        await transport.PublishAsync([sent], Cancellation);

        var deliveries = await recorder.NextAsync(2, Patience);
        Assert.Equal([1, 2], deliveries.Select(d => d.Attempt));
        Assert.All(deliveries, d => Assert.Equal((sent.MessageId, key, queue), (d.MessageId, d.RoutingKey, d.Queue)));
        Assert.Equal(sent.Body.ToArray(), deliveries[1].Body.ToArray());
        await using var broker = await BrokerAsync();
        Assert.True(await ExistsAsync(broker, BrokerTopology.RetryQueue(queue, TimeSpan.FromMilliseconds(200))));
        Assert.False(await ExistsAsync(broker, BrokerTopology.RetryQueue(queue, TimeSpan.FromMilliseconds(100))));
    }

    [Fact]
    public async Task Stats_count_messages_waiting_out_a_retry_as_ready_and_say_in_flight_is_unknown()
    {
        var transport = await ConnectAsync();
        var admin = (IBusAdministration)transport;
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var poison = Message(key, "poison");
        await transport.PublishAsync([poison, Message(key, "a"), Message(key, "b")], Cancellation);

        Assert.Equal(new QueueStats(queue, Ready: 3, InFlight: null, DeadLettered: 0, OldestReadyAge: null),
            Assert.Single(await admin.QueueStatsAsync(Cancellation), s => s.Queue == queue));

        var recorder = await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder((m, _) => Task.FromResult(
            m.MessageId == poison.MessageId ? DeliveryOutcome.DeadLetter("poison") : DeliveryOutcome.Retry(TimeSpan.FromSeconds(50), "later"))));
        await recorder.NextAsync(3, Patience);

        var stats = await EventuallyAsync(async () => Assert.Single(await admin.QueueStatsAsync(Cancellation), s => s.Queue == queue),
            s => s.DeadLettered == 1 && s.Ready == 2, "two retrying and one dead letter");
        Assert.Null(stats.InFlight);
    }

    [Fact]
    public async Task Reading_dead_letters_leaves_them_in_place_and_a_whole_queue_redrive_starts_their_attempts_again()
    {
        var transport = await ConnectAsync();
        var admin = (IBusAdministration)transport;
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var healed = false;
        var recorder = await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder((m, _) => Task.FromResult(
            Volatile.Read(ref healed) ? DeliveryOutcome.Ack()
            : m.Attempt == 1 ? DeliveryOutcome.Retry(TimeSpan.FromMilliseconds(100), "first failure")
            : DeliveryOutcome.DeadLetter("second failure"))));
        await transport.PublishAsync([Message(key, "a"), Message(key, "b")], Cancellation);
        await recorder.NextAsync(4, Patience);

        var letters = await EventuallyAsync(() => admin.DeadLettersAsync(queue, 10, Cancellation), l => l.Count == 2, "two dead letters");
        Assert.All(letters, l => Assert.Equal((2, "second failure", key, queue), (l.Attempts, l.Error, l.RoutingKey, l.Queue)));
        Assert.Equal(letters.Select(l => l.Id).Order(), (await admin.DeadLettersAsync(queue, 10, Cancellation)).Select(l => l.Id).Order());
        Assert.Equal(letters[0], await admin.DeadLetterAsync(letters[0].Id, Cancellation));

        Volatile.Write(ref healed, true);
        Assert.Equal(2, await admin.RedriveAsync(queue, null, Cancellation));

        var again = await recorder.NextAsync(2, Patience);
        Assert.All(again, m => Assert.Equal(1, m.Attempt));
        Assert.Equal(letters.Select(l => l.MessageId).Order(), again.Select(m => m.MessageId).Order());
        Assert.Empty(await admin.DeadLettersAsync(queue, 10, Cancellation));
        Assert.Equal(0, await admin.RedriveAsync(queue, ["not-an-id", $"{queue}/gone"], Cancellation));
    }

    [Fact]
    public async Task A_transport_started_while_the_broker_is_unreachable_fails_fast_and_connects_once_it_appears()
    {
        var broker = ProductionServers.RequireRabbitMq();
        await using var relay = BrokerRelay.To(broker);
        var transport = Track(NewTransport(relay.UriThrough(broker)));
        var (queue, key) = (NewQueueName(), NewRoutingKey());

        Assert.False(((IBrokerConnection)transport).IsConnected);
        await Assert.ThrowsAnyAsync<Exception>(() => transport.DeclareQueueAsync(queue, [key], Cancellation));

        relay.Accept();

        await EventuallyAsync(() => Task.FromResult(((IBrokerConnection)transport).IsConnected), connected => connected, "a connection");
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings());
        var sent = Message(key, "after the outage");
        await transport.PublishAsync([sent], Cancellation);
        Assert.Equal(sent.MessageId, (await recorder.NextAsync(Patience)).MessageId);
    }

    [Fact]
    public async Task A_consumer_and_a_publisher_carry_on_after_their_connection_is_cut_and_nothing_is_lost()
    {
        const int count = 400;
        var broker = ProductionServers.RequireRabbitMq();
        await using var relay = BrokerRelay.To(broker);
        relay.Accept();
        var transport = Track(NewTransport(relay.UriThrough(broker)));
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var handled = new ConcurrentDictionary<Guid, bool>();
        await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder(async (m, ct) =>
        {
            await Task.Delay(2, ct);
            handled.TryAdd(m.MessageId, true);
            return DeliveryOutcome.Ack();
        }));
        var sent = Enumerable.Range(0, count).Select(i => Message(key, $"event {i}")).ToList();
        var failedPublishes = 0;

        foreach (var (batch, index) in sent.Chunk(20).Select((b, i) => (b, i)))
        {
            if (index == 5) relay.Cut();
            // As the outbox relay does: a batch whose confirms did not all come is sent again.
            while (true)
            {
                try
                {
                    await transport.PublishAsync(batch, Cancellation);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failedPublishes++;
                    await Task.Delay(100, Cancellation);
                }
            }
            if (index == 12) relay.Cut();
        }

        await EventuallyAsync(() => Task.FromResult(handled.Count), n => n == count, $"all {count} events handled");
        Assert.Equal(sent.Select(m => m.MessageId).Order(), handled.Keys.Order());
        Assert.True(failedPublishes > 0, "the cut should have failed a publish in flight or on the dead connection");
        Assert.True(((IBrokerConnection)transport).IsConnected);
    }

    [Fact]
    public async Task A_service_whose_broker_is_unreachable_reports_not_ready_without_showing_the_password()
    {
        await using var system = new MessagingSystem();
        var closedPort = FreePort.Next();
        system.Settings["Mosaic:Messaging:Transport"] = "rabbitmq";
        system.Settings["Mosaic:Messaging:RabbitMq:Uri"] = $"amqp://mosaic:s3cret-pass@127.0.0.1:{closedPort}/shop";
        var bank = await system.StartBankAsync(start: false);
        await bank.StartAsync(Cancellation);
        try
        {
            using var management = system.ManagementOf("bank");
            var ready = await management.GetAsync("/health/ready", Cancellation);
            var readiness = await ready.Content.ReadAsStringAsync(Cancellation);
            var info = await management.GetStringAsync("/info", Cancellation);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains($"Not connected to the message broker at 127.0.0.1:{closedPort}/shop", readiness, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{closedPort}/shop", info, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret-pass", readiness + info, StringComparison.Ordinal);
        }
        finally
        {
            await bank.StopAsync(CancellationToken.None);
            await bank.DisposeAsync();
        }
    }
}
