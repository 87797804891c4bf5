using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Tests.Messaging.Transport;

/// <summary>
/// The embedded transport against the conformance suite, plus what only it has: a file several
/// processes share. Each transport instance here stands for one process.
/// </summary>
public sealed class EmbeddedTransportTests : TransportConformanceTests
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("mosaic-embedded-bus-");

    // A folder that does not exist yet: the transport creates it.
    private string DatabasePath => Path.Combine(folder.FullName, "bus", "bus.db");

    protected override Task<IMessageTransport> CreateTransportAsync() => Task.FromResult<IMessageTransport>(NewTransport());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        folder.Delete(recursive: true);
    }

    private EmbeddedTransport NewTransport(TimeProvider? time = null, TimeSpan? watchedPollInterval = null)
    {
        var options = new EmbeddedTransportOptions { Path = DatabasePath };
        if (watchedPollInterval is { } interval) options = options with { WatchedPollInterval = interval };
        return new EmbeddedTransport(options, time ?? TimeProvider.System, $"test/{Environment.ProcessId}/{Guid.NewGuid():N}", NullLogger<EmbeddedTransport>.Instance);
    }

    private EmbeddedTransport ConnectEmbedded(TimeProvider? time = null) => Track(NewTransport(time));

    [Fact]
    public async Task Processes_starting_together_on_a_new_file_all_get_a_working_bus()
    {
        var transports = Enumerable.Range(0, 6).Select(_ => NewTransport()).ToList();
        foreach (var t in transports) Track(t);
        var (queue, key) = (NewQueueName(), NewRoutingKey());

        await Task.WhenAll(transports.Select(t => Task.Run(() => t.DeclareQueueAsync(queue, [key], Cancellation), Cancellation)));
        await Task.WhenAll(transports.Select((t, i) => Task.Run(() => t.PublishAsync([Message(key, $"from {i}")], Cancellation), Cancellation)));

        Assert.True(File.Exists(DatabasePath));
        var stats = Assert.Single(await transports[0].QueueStatsAsync(Cancellation), s => s.Queue == queue);
        Assert.Equal(6, stats.Ready);
    }

    [Fact]
    public async Task A_message_published_by_one_process_reaches_a_consumer_in_another()
    {
        var publisher = ConnectEmbedded();
        var consumer = ConnectEmbedded();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await consumer.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(consumer, queue, Settings());
        var sent = Message(key, "across processes");

        // No in-process wake-up reaches the consumer: it finds the message by polling the file.
        await publisher.PublishAsync([sent], Cancellation);

        Assert.Equal(sent.MessageId, (await recorder.NextAsync(Patience)).MessageId);
    }

    [Fact]
    public async Task An_idle_consumer_is_woken_by_another_process_publishing_not_by_its_poll()
    {
        var publisher = ConnectEmbedded();
        // It would look again only in an hour: only the publisher's ring can bring it the message sooner.
        var consumer = Track(NewTransport(watchedPollInterval: TimeSpan.FromHours(1)));
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await consumer.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(consumer, queue, Settings());
        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation); // past its first look, idle
        var sent = Message(key, "woken");

        await publisher.PublishAsync([sent], Cancellation);

        Assert.Equal(sent.MessageId, (await recorder.NextAsync(Patience)).MessageId);
    }

    [Fact]
    public async Task A_redrive_by_another_process_wakes_an_idle_consumer_not_its_poll()
    {
        // As `mosaic bus redrive` does: the letters are put back by a process that consumes nothing.
        var admin = ConnectEmbedded();
        var consumer = Track(NewTransport(watchedPollInterval: TimeSpan.FromHours(1)));
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await consumer.DeclareQueueAsync(queue, [key], Cancellation);
        var healed = false;
        var recorder = await ConsumeAsync(consumer, queue, Settings(),
            new((_, _) => Task.FromResult(Volatile.Read(ref healed) ? DeliveryOutcome.Ack() : DeliveryOutcome.DeadLetter("bug"))));
        await admin.PublishAsync([Message(key, "poison")], Cancellation);
        await recorder.NextAsync(Patience);
        await EventuallyAsync(() => consumer.DeadLettersAsync(queue, 10, Cancellation), l => l.Count == 1, "one dead letter");
        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation); // idle again, its next look an hour away

        Volatile.Write(ref healed, true);
        Assert.Equal(1, await admin.RedriveAsync(queue, null, Cancellation));

        Assert.Equal(1, (await recorder.NextAsync(Patience)).Attempt);
    }

    [Fact]
    public async Task Taking_and_acknowledging_messages_wakes_no_other_process()
    {
        // Only writes that make work ring the doorbell; a consumer's claims and acks do not.
        var transport = ConnectEmbedded();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        await transport.PublishAsync([Message(key, "one")], Cancellation); // creates the ring file
        var rings = 0;
        using var listening = new FileSystemWatcher(DatabasePath + ".doorbell", "ring") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size };
        listening.Changed += (_, _) => Interlocked.Increment(ref rings);
        listening.EnableRaisingEvents = true;

        var recorder = await ConsumeAsync(transport, queue, Settings());
        await recorder.NextAsync(Patience);
        await EventuallyAsync(() => transport.QueueStatsAsync(Cancellation), s => s.Single(q => q.Queue == queue) is { Ready: 0, InFlight: 0 }, "the message acknowledged");
        await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation); // any event from the ack has arrived by now
        Assert.Equal(0, Volatile.Read(ref rings));

        await transport.PublishAsync([Message(key, "two")], Cancellation);
        await EventuallyAsync(() => Task.FromResult(Volatile.Read(ref rings)), n => n > 0, "the publish's ring");
    }

    [Fact]
    public async Task A_message_nobody_subscribes_to_is_dropped_and_counted_by_event_type()
    {
        var transport = ConnectEmbedded();
        var (queue, bound, unbound) = (NewQueueName(), NewRoutingKey("bound"), NewRoutingKey("unbound"));
        await transport.DeclareQueueAsync(queue, [bound], Cancellation);
        var counted = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Mosaic.Messaging" && instrument.Name == "mosaic.messaging.unroutable") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "event_type" && tag.Value is string type) counted.AddOrUpdate(type, value, (_, sum) => sum + value);
        });
        listener.Start();

        await transport.PublishAsync([Message(unbound, "one"), Message(bound, "kept"), Message(unbound, "two")], Cancellation);

        Assert.Equal(2, counted.GetValueOrDefault(unbound));
        Assert.False(counted.ContainsKey(bound));
        var stats = await transport.QueueStatsAsync(Cancellation);
        Assert.Equal(1, Assert.Single(stats, s => s.Queue == queue).Ready);
    }

    [Fact]
    public async Task Stats_count_ready_in_flight_and_dead_messages_per_queue()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var transport = ConnectEmbedded(clock);
        var (queue, idle, key) = (NewQueueName("busy"), NewQueueName("idle"), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        await transport.DeclareQueueAsync(idle, [NewRoutingKey("unused")], Cancellation);
        var poison = Message(key, "poison");
        var held = Message(key, "held");
        await transport.PublishAsync([poison, held], Cancellation);
        var release = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recorder = await ConsumeAsync(transport, queue, Settings(concurrency: 1), new DeliveryRecorder((m, _) =>
            m.MessageId == poison.MessageId ? Task.FromResult(DeliveryOutcome.DeadLetter("poison")) : release.Task));
        await recorder.NextAsync(2, Patience);
        clock.Advance(TimeSpan.FromSeconds(5));
        await transport.PublishAsync([Message(key, "waiting 1"), Message(key, "waiting 2")], Cancellation);
        clock.Advance(TimeSpan.FromSeconds(3));

        var stats = await transport.QueueStatsAsync(Cancellation);

        Assert.Equal(new QueueStats(queue, Ready: 2, InFlight: 1, DeadLettered: 1, OldestReadyAge: TimeSpan.FromSeconds(3)), Assert.Single(stats, s => s.Queue == queue));
        Assert.Equal(new QueueStats(idle, 0, 0, 0, null), Assert.Single(stats, s => s.Queue == idle));
        release.SetResult(DeliveryOutcome.Ack());
    }

    [Fact]
    public async Task Redriving_a_whole_queue_resets_the_attempts_of_each_letter()
    {
        var transport = ConnectEmbedded();
        var (queue, otherQueue, key) = (NewQueueName(), NewQueueName("other"), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        await transport.DeclareQueueAsync(otherQueue, [key], Cancellation);
        var healed = false;
        DeliveryRecorder Poisoned() => new((_, _) => Task.FromResult(Volatile.Read(ref healed) ? DeliveryOutcome.Ack() : DeliveryOutcome.DeadLetter("bug")));
        var recorder = await ConsumeAsync(transport, queue, Settings(), Poisoned());
        var otherRecorder = await ConsumeAsync(transport, otherQueue, Settings(), Poisoned());
        await transport.PublishAsync([Message(key, "a"), Message(key, "b")], Cancellation);
        await recorder.NextAsync(2, Patience);
        await otherRecorder.NextAsync(2, Patience);
        await EventuallyAsync(() => transport.DeadLettersAsync(null, 10, Cancellation), l => l.Count == 4, "four dead letters");

        Volatile.Write(ref healed, true);
        Assert.Equal(2, await transport.RedriveAsync(queue, null, Cancellation));

        var again = await recorder.NextAsync(2, Patience);
        Assert.All(again, m => Assert.Equal(1, m.Attempt));
        var remaining = await transport.DeadLettersAsync(null, 10, Cancellation);
        Assert.Equal(2, remaining.Count);
        Assert.All(remaining, l => Assert.Equal(otherQueue, l.Queue));
        Assert.Equal(0, await transport.RedriveAsync(queue, ["not-an-id", "999999999"], Cancellation));
    }

    [Fact]
    public async Task Stopping_a_consumer_waits_for_its_handlers_and_records_their_outcome()
    {
        var transport = ConnectEmbedded();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = await transport.ConsumeAsync(queue, async (_, _) =>
        {
            started.TrySetResult();
            await finish.Task;
            return DeliveryOutcome.Ack();
        }, new ConsumerSettings { Concurrency = 1, DrainTimeout = Patience }, Cancellation);
        await transport.PublishAsync([Message(key, "finish me")], Cancellation);
        await started.Task.WaitAsync(Patience, Cancellation);

        var stopping = consumer.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);
        finish.SetResult();
        await stopping.WaitAsync(Patience, Cancellation);

        var stats = Assert.Single(await transport.QueueStatsAsync(Cancellation), s => s.Queue == queue);
        Assert.Equal((0, 0, 0), (stats.Ready, stats.InFlight, stats.DeadLettered));
    }

    [Fact]
    public async Task A_handler_that_throws_gets_the_message_again()
    {
        var transport = ConnectEmbedded();
        var (queue, key) = (NewQueueName(), NewRoutingKey());
        await transport.DeclareQueueAsync(queue, [key], Cancellation);
        var recorder = await ConsumeAsync(transport, queue, Settings(), new DeliveryRecorder((m, _) =>
            m.Attempt == 1 ? throw new InvalidOperationException("boom") : Task.FromResult(DeliveryOutcome.Ack())));
        var sent = Message(key, "throws once");

        await transport.PublishAsync([sent], Cancellation);

        var deliveries = await recorder.NextAsync(2, Patience);
        Assert.Equal([1, 2], deliveries.Select(d => d.Attempt));
        Assert.All(deliveries, d => Assert.Equal(sent.MessageId, d.MessageId));
    }
}
