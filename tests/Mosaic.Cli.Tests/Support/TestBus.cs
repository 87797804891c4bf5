using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.RabbitMq;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Tests.Support;

/// <summary>
/// A real transport the way an environment's services open it: the embedded one on a workspace's bus
/// file, or RabbitMQ on a broker.
/// </summary>
internal sealed class TestBus : IAsyncDisposable
{
    private TestBus(IMessageTransport transport) => Transport = transport;

    public IMessageTransport Transport { get; }

    /// <summary>What <c>mosaic bus</c> reads, straight from the transport.</summary>
    public IBusAdministration Administration => (IBusAdministration)Transport;

    public static TestBus For(TempWorkspace workspace, string environment = "test") =>
        new(new EmbeddedTransport(
            new EmbeddedTransportOptions { Path = TransportFactory.DefaultEmbeddedPath(workspace.Workspace(environment).StateDirectory) },
            TimeProvider.System,
            $"cli-test/{Guid.NewGuid():N}",
            NullLogger<EmbeddedTransport>.Instance));

    /// <param name="exchange">The exchange events go through; a broker shared with other tests wants one of the test's own.</param>
    public static TestBus OnBroker(Uri broker, string? exchange = null) =>
        new(new RabbitMqTransport(
            new RabbitMqOptions { Uri = broker.AbsoluteUri, Exchange = exchange ?? new RabbitMqOptions().Exchange },
            $"cli-test-{Guid.NewGuid():N}",
            TimeProvider.System,
            NullLogger<RabbitMqTransport>.Instance));

    public Task DeclareAsync(string queue, params string[] routingKeys) =>
        Transport.DeclareQueueAsync(queue, routingKeys, TestContext.Current.CancellationToken);

    /// <summary>Publishes an envelope the way a service's outbox relay does; returns its id.</summary>
    public async Task<Guid> PublishAsync(string type, object data)
    {
        var message = TestEnvelopes.For(type, data, source: "orders");
        await Transport.PublishAsync([message], TestContext.Current.CancellationToken);
        return message.MessageId;
    }

    /// <summary>Takes <paramref name="count"/> messages from <paramref name="queue"/>, answering each with <paramref name="outcome"/>; returns their ids once the outcomes are written.</summary>
    public async Task<IReadOnlyList<Guid>> ConsumeAsync(string queue, int count, DeliveryOutcome outcome)
    {
        var handled = new List<Guid>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = await Transport.ConsumeAsync(queue, (message, _) =>
        {
            lock (handled)
            {
                handled.Add(message.MessageId);
                if (handled.Count >= count) done.TrySetResult();
            }
            return Task.FromResult(outcome);
        }, new ConsumerSettings { Concurrency = 1 }, TestContext.Current.CancellationToken);
        // A bound so a broken transport fails the test instead of hanging it.
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        // Stopping drains: every outcome given so far is written before this returns.
        await consumer.DisposeAsync();
        lock (handled) return [.. handled];
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
