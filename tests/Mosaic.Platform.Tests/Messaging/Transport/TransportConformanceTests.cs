using System.Text;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Tests.Messaging.Transport;

/// <summary>
/// What every <see cref="IMessageTransport"/> must do. A transport's test class inherits this and says
/// how to connect a new client to the same broker; each test uses its own queues and routing keys, so
/// the broker can be shared by all of them.
/// </summary>
public abstract class TransportConformanceTests : IAsyncLifetime
{
    /// <summary>How long a test waits for something that should happen before it fails.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly List<IAsyncDisposable> cleanup = [];

    /// <summary>A new client of the same broker, as a new process would connect: nothing shared in memory with earlier ones.</summary>
    protected abstract Task<IMessageTransport> CreateTransportAsync();

    /// <summary>The administration view of the broker a transport is connected to.</summary>
    protected virtual IBusAdministration AdministrationOf(IMessageTransport transport) =>
        transport as IBusAdministration ?? throw new InvalidOperationException($"{transport.GetType().Name} does not implement IBusAdministration; override AdministrationOf.");

    /// <summary>The lease given to consumers that the tests crash: short, so their messages come back quickly.</summary>
    protected virtual TimeSpan ShortLease => TimeSpan.FromSeconds(1);

    protected static string UniqueName(string purpose) => $"conformance.{purpose}.{Guid.NewGuid():N}";

    protected static string NewQueueName(string purpose = "queue") => UniqueName(purpose);

    protected static string NewRoutingKey(string purpose = "event") => UniqueName(purpose) + ".v1";

    protected static ConsumerSettings Settings(int concurrency = 8) =>
        new() { Concurrency = concurrency, DrainTimeout = TimeSpan.FromSeconds(2) };

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        // Consumers before their transports, newest first.
        for (var i = cleanup.Count - 1; i >= 0; i--) await cleanup[i].DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a transport that is disposed when the test ends.</summary>
    protected async Task<IMessageTransport> ConnectAsync() => Track(await CreateTransportAsync());

    /// <summary>Disposes <paramref name="disposable"/> when the test ends, before anything tracked earlier.</summary>
    protected T Track<T>(T disposable) where T : IAsyncDisposable
    {
        cleanup.Add(disposable);
        return disposable;
    }

    protected async Task<DeliveryRecorder> ConsumeAsync(IMessageTransport transport, string queue, ConsumerSettings settings, DeliveryRecorder? recorder = null)
    {
        recorder ??= new DeliveryRecorder();
        Track(await transport.ConsumeAsync(queue, recorder.HandleAsync, settings, Cancellation));
        return recorder;
    }

    protected static OutgoingMessage Message(string routingKey, string text) =>
        new(Guid.NewGuid(), routingKey, Encoding.UTF8.GetBytes(text));

    protected static string Text(IncomingMessage message) => Encoding.UTF8.GetString(message.Body.Span);

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test if it does not within <see cref="Patience"/>.</summary>
    protected static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        deadline.CancelAfter(Patience);
        var last = await read();
        while (!condition(last))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
            {
                throw new TimeoutException($"Still waiting for {what} after {Patience.TotalSeconds} s; last seen: {last}");
            }
            last = await read();
        }
        return last;
    }

    [Fact]
    public async Task A_published_message_arrives_with_its_id_routing_key_and_payload_intact()
    {
        var transport = await ConnectAsync();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings());
        var sent = Message(key, """{"orderId":"a1","note":"crème brûlée ✓"}""");

        await transport.PublishAsync([sent], Cancellation);

        var received = await recorder.NextAsync(Patience);
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(key, received.RoutingKey);
        Assert.Equal(queue, received.Queue);
        Assert.Equal(sent.Body.ToArray(), received.Body.ToArray());
        Assert.Equal(1, received.Attempt);
    }

    [Fact]
    public async Task Every_queue_bound_to_a_routing_key_gets_its_own_copy_and_other_queues_get_none()
    {
        var transport = await ConnectAsync();
        var (key, otherKey) = (NewRoutingKey("placed"), NewRoutingKey("other"));
        var (catalog, payments, bystander) = (NewQueueName("catalog"), NewQueueName("payments"), NewQueueName("bystander"));
        await transport.DeclareQueueAsync(catalog, [key], Cancellation);
        await transport.DeclareQueueAsync(payments, [key], Cancellation);
        await transport.DeclareQueueAsync(bystander, [otherKey], Cancellation);
        var catalogRecorder = await ConsumeAsync(transport, catalog, Settings());
        var paymentsRecorder = await ConsumeAsync(transport, payments, Settings());
        var bystanderRecorder = await ConsumeAsync(transport, bystander, Settings(concurrency: 1));
        var placed = Message(key, "placed");
        var marker = Message(otherKey, "marker");

        await transport.PublishAsync([placed], Cancellation);
        await transport.PublishAsync([marker], Cancellation);

        Assert.Equal(placed.MessageId, (await catalogRecorder.NextAsync(Patience)).MessageId);
        Assert.Equal(placed.MessageId, (await paymentsRecorder.NextAsync(Patience)).MessageId);
        // The bystander consumes in publish order, so a wrongly routed copy would have come before the marker.
        Assert.Equal(marker.MessageId, (await bystanderRecorder.NextAsync(Patience)).MessageId);
        Assert.Single(bystanderRecorder.All);
    }

    [Fact]
    public async Task Consumers_of_one_queue_share_its_messages_and_each_message_is_handled_once()
    {
        const int count = 20;
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        var first = await ConnectAsync();
        var second = await ConnectAsync();
        await first.DeclareQueueAsync(queue, [key], Cancellation);
        await second.DeclareQueueAsync(queue, [key], Cancellation);
        // Each consumer holds what it got until the other has got something too: with at most two
        // messages each in hand, neither can take the whole queue, whichever is faster.
        var firstGotOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondGotOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var both = Task.WhenAll(firstGotOne.Task, secondGotOne.Task);
        var all = new DeliveryRecorder();
        var firstRecorder = await ConsumeAsync(first, queue, Settings(concurrency: 2), new DeliveryRecorder(async (m, ct) =>
        {
            firstGotOne.TrySetResult();
            await all.HandleAsync(m, ct);
            await both.WaitAsync(Patience, ct);
            return DeliveryOutcome.Ack();
        }));
        var secondRecorder = await ConsumeAsync(second, queue, Settings(concurrency: 2), new DeliveryRecorder(async (m, ct) =>
        {
            secondGotOne.TrySetResult();
            await all.HandleAsync(m, ct);
            await both.WaitAsync(Patience, ct);
            return DeliveryOutcome.Ack();
        }));
        var sent = Enumerable.Range(0, count).Select(i => Message(key, $"message {i}")).ToList();

        await first.PublishAsync(sent, Cancellation);

        var received = await all.NextAsync(count, Patience);
        Assert.Equal(sent.Select(m => m.MessageId).Order(), received.Select(m => m.MessageId).Order());
        Assert.NotEmpty(firstRecorder.All);
        Assert.NotEmpty(secondRecorder.All);
        Assert.All(received, m => Assert.Equal(1, m.Attempt));
    }

    [Fact]
    public async Task A_message_held_by_a_consumer_that_crashed_is_delivered_to_another_once_its_lease_expires()
    {
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        var crashing = await ConnectAsync();
        await crashing.DeclareQueueAsync(queue, [key], Cancellation);
        var taken = new TaskCompletionSource<IncomingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A handler that never answers, not even to cancellation: the process is as good as dead.
        _ = await crashing.ConsumeAsync(queue, async (m, _) =>
        {
            taken.TrySetResult(m);
            await Task.Delay(Timeout.Infinite, Cancellation);
            return DeliveryOutcome.Ack();
        }, new ConsumerSettings { Concurrency = 1, LeaseDuration = ShortLease, DrainTimeout = TimeSpan.FromMilliseconds(100) }, Cancellation);
        var sent = Message(key, "held by a dying consumer");
        await crashing.PublishAsync([sent], Cancellation);
        Assert.Equal(sent.MessageId, (await taken.Task.WaitAsync(Patience, Cancellation)).MessageId);

        await crashing.DisposeAsync();
        var survivor = await ConnectAsync();
        var recorder = await ConsumeAsync(survivor, queue, Settings());

        var redelivered = await recorder.NextAsync(Patience);
        Assert.Equal(sent.MessageId, redelivered.MessageId);
        Assert.Equal(sent.Body.ToArray(), redelivered.Body.ToArray());
        Assert.Equal(2, redelivered.Attempt);
    }

    [Fact]
    public async Task A_retried_message_comes_back_with_the_next_attempt_number()
    {
        var transport = await ConnectAsync();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder((m, _) => Task.FromResult(
            m.Attempt < 3 ? DeliveryOutcome.Retry(TimeSpan.FromMilliseconds(200), "catalog is down") : DeliveryOutcome.Ack())));
        var sent = Message(key, "try again");

        await transport.PublishAsync([sent], Cancellation);

        var deliveries = await recorder.NextAsync(3, Patience);
        Assert.All(deliveries, d => Assert.Equal(sent.MessageId, d.MessageId));
        Assert.Equal([1, 2, 3], deliveries.Select(d => d.Attempt));
    }

    [Fact]
    public async Task A_dead_lettered_message_is_parked_with_its_error_and_not_delivered_again()
    {
        var transport = await ConnectAsync();
        var admin = AdministrationOf(transport);
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var poison = Message(key, "{not json");
        var marker = Message(key, "fine");
        var recorder = await ConsumeAsync(transport, queue, Settings(concurrency: 1), new DeliveryRecorder((m, _) => Task.FromResult(
            m.MessageId == poison.MessageId ? DeliveryOutcome.DeadLetter("cannot deserialize: '{' is invalid") : DeliveryOutcome.Ack())));

        await transport.PublishAsync([poison], Cancellation);
        await transport.PublishAsync([marker], Cancellation);

        Assert.Equal(poison.MessageId, (await recorder.NextAsync(Patience)).MessageId);
        Assert.Equal(marker.MessageId, (await recorder.NextAsync(Patience)).MessageId);
        var letters = await EventuallyAsync(() => admin.DeadLettersAsync(queue, 10, Cancellation), l => l.Count > 0, "the dead letter");
        var letter = Assert.Single(letters);
        Assert.Equal(poison.MessageId, letter.MessageId);
        Assert.Equal(queue, letter.Queue);
        Assert.Equal(key, letter.RoutingKey);
        Assert.Equal("cannot deserialize: '{' is invalid", letter.Error);
        Assert.Equal("{not json", letter.Body);
        Assert.Equal(letter, await admin.DeadLetterAsync(letter.Id, Cancellation));
        Assert.Single(recorder.All, m => m.MessageId == poison.MessageId);
    }

    [Fact]
    public async Task A_redriven_dead_letter_is_delivered_again()
    {
        var transport = await ConnectAsync();
        var admin = AdministrationOf(transport);
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var fixedNow = false;
        var recorder = await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder((_, _) => Task.FromResult(
            Volatile.Read(ref fixedNow) ? DeliveryOutcome.Ack() : DeliveryOutcome.DeadLetter("handler bug"))));
        var sent = Message(key, "handled after the fix");
        await transport.PublishAsync([sent], Cancellation);
        await recorder.NextAsync(Patience);
        var letter = Assert.Single(await EventuallyAsync(() => admin.DeadLettersAsync(queue, 10, Cancellation), l => l.Count > 0, "the dead letter"));

        Volatile.Write(ref fixedNow, true);
        Assert.Equal(1, await admin.RedriveAsync(queue, [letter.Id], Cancellation));

        var again = await recorder.NextAsync(Patience);
        Assert.Equal(sent.MessageId, again.MessageId);
        Assert.Equal(sent.Body.ToArray(), again.Body.ToArray());
        Assert.Empty(await admin.DeadLettersAsync(queue, 10, Cancellation));
    }

    [Fact]
    public async Task A_single_consumer_without_concurrency_receives_a_queue_in_publish_order()
    {
        var transport = await ConnectAsync();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var sent = Enumerable.Range(0, 30).Select(i => Message(key, $"step {i}")).ToList();
        // Published before anyone consumes, in three batches, so the consumer finds a backlog to take in order.
        foreach (var batch in sent.Chunk(10)) await transport.PublishAsync(batch, Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings(concurrency: 1));
        var more = Enumerable.Range(30, 10).Select(i => Message(key, $"step {i}")).ToList();
        await transport.PublishAsync(more, Cancellation);

        var received = await recorder.NextAsync(40, Patience);

        Assert.Equal(sent.Concat(more).Select(m => m.MessageId), received.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_published_batch_is_durable_once_publish_returns()
    {
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        var publisher = await ConnectAsync();
        await publisher.DeclareQueueAsync(queue, [key], Cancellation);
        var sent = Enumerable.Range(0, 25).Select(i => Message(key, $"durable {i}")).ToList();

        await publisher.PublishAsync(sent, Cancellation);
        await publisher.DisposeAsync();

        var reader = await ConnectAsync();
        var recorder = await ConsumeAsync(reader, queue, Settings());
        var received = await recorder.NextAsync(sent.Count, Patience);
        Assert.Equal(sent.Select(m => m.MessageId).Order(), received.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task Declaring_a_queue_again_does_not_duplicate_its_messages()
    {
        var (queue, key, otherKey) = (NewQueueName(), NewRoutingKey(), NewRoutingKey("other"));
        var transport = await ConnectAsync();
        var restarted = await ConnectAsync();
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        await transport.DeclareQueueAsync(queue, [key, key], Cancellation);
        await restarted.DeclareQueueAsync(queue, [otherKey, key], Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings(concurrency: 1));
        var first = Message(key, "first");
        var second = Message(otherKey, "second");

        await transport.PublishAsync([first], Cancellation);
        await transport.PublishAsync([second], Cancellation);

        // In order, so a duplicate of the first would have come before the second.
        var received = await recorder.NextAsync(2, Patience);
        Assert.Equal([first.MessageId, second.MessageId], received.Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_late_answer_from_a_handler_that_lost_its_lease_does_not_remove_the_message()
    {
        // Both consumers on one connection, so only the delivery's attempt number tells their leases apart.
        var transport = await ConnectAsync();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var firstAnswer = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var third = new DeliveryRecorder();
        async Task<DeliveryOutcome> Handle(IncomingMessage message, CancellationToken cancellationToken)
        {
            switch (message.Attempt)
            {
                case 1:
                    return await firstAnswer.Task;
                case 2:
                    secondTaken.TrySetResult();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return DeliveryOutcome.Ack();
                default:
                    return await third.HandleAsync(message, cancellationToken);
            }
        }
        var settings = new ConsumerSettings { Concurrency = 1, LeaseDuration = TimeSpan.FromMilliseconds(500), DrainTimeout = TimeSpan.FromMilliseconds(200) };
        Track(await transport.ConsumeAsync(queue, Handle, settings, Cancellation));
        Track(await transport.ConsumeAsync(queue, Handle, settings, Cancellation));
        await transport.PublishAsync([Message(key, "contested")], Cancellation);
        await secondTaken.Task.WaitAsync(Patience, Cancellation);

        // The first handler acknowledges long after its lease passed to the second delivery.
        firstAnswer.SetResult(DeliveryOutcome.Ack());

        // Still there: once the second lease expires too, the freed consumer takes it a third time.
        Assert.Equal(3, (await third.NextAsync(Patience)).Attempt);
    }
}
