using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Tests.Support;

/// <summary>A real embedded transport on a workspace's bus file, the way the services of that environment open it.</summary>
internal sealed class TestBus : IAsyncDisposable
{
    private TestBus(string path)
    {
        Path = path;
        Transport = new EmbeddedTransport(
            new EmbeddedTransportOptions { Path = path },
            TimeProvider.System,
            $"cli-test/{Guid.NewGuid():N}",
            NullLogger<EmbeddedTransport>.Instance);
    }

    public string Path { get; }

    public EmbeddedTransport Transport { get; }

    public static TestBus For(TempWorkspace workspace, string environment = "test") =>
        new(TransportFactory.DefaultEmbeddedPath(workspace.Workspace(environment).StateDirectory));

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
