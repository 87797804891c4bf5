using System.Collections.Concurrent;
using System.Threading.Channels;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Tests.Messaging.Transport;

/// <summary>A consumer's handler that remembers every delivery and lets a test await the next one.</summary>
public sealed class DeliveryRecorder
{
    private readonly Channel<IncomingMessage> arrivals = Channel.CreateUnbounded<IncomingMessage>();
    private readonly ConcurrentQueue<IncomingMessage> all = new();
    private readonly Func<IncomingMessage, CancellationToken, Task<DeliveryOutcome>> decide;

    public DeliveryRecorder(Func<IncomingMessage, CancellationToken, Task<DeliveryOutcome>>? decide = null) =>
        this.decide = decide ?? ((_, _) => Task.FromResult(DeliveryOutcome.Ack()));

    public IReadOnlyList<IncomingMessage> All => [.. all];

    public async Task<DeliveryOutcome> HandleAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        all.Enqueue(message);
        arrivals.Writer.TryWrite(message);
        return await decide(message, cancellationToken);
    }

    /// <summary>The next delivery, failing the test if none comes within <paramref name="timeout"/>.</summary>
    public async Task<IncomingMessage> NextAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await arrivals.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No delivery within {timeout.TotalSeconds} s (got {all.Count} so far).");
        }
    }

    public async Task<List<IncomingMessage>> NextAsync(int count, TimeSpan timeout)
    {
        var received = new List<IncomingMessage>(count);
        for (var i = 0; i < count; i++) received.Add(await NextAsync(timeout));
        return received;
    }
}
