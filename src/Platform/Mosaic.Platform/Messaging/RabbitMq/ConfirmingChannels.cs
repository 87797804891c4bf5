using System.Collections.Concurrent;
using RabbitMQ.Client;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>
/// Channels in confirm mode, one per publisher at a time: a batch is written on one channel in order
/// and its confirms are awaited together. A channel that failed is closed rather than reused, so no
/// stale confirm or half-written batch leaks into the next caller's.
/// </summary>
internal sealed class ConfirmingChannels(IConnection connection) : IAsyncDisposable
{
    // The client tracks each publish's confirm and fails its task on a nack, a return or a lost channel.
    // No rate limiter: the caller's batch size bounds what is in flight, and throttling delays could reorder a batch.
    private static readonly CreateChannelOptions Confirming = new(
        publisherConfirmationsEnabled: true,
        publisherConfirmationTrackingEnabled: true,
        outstandingPublisherConfirmationsRateLimiter: null,
        consumerDispatchConcurrency: null);

    private readonly ConcurrentBag<IChannel> idle = [];
    private int disposed;

    public static Task<IChannel> OpenAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(Confirming, cancellationToken);

    public async Task<IChannel> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        while (idle.TryTake(out var channel))
        {
            if (channel.IsOpen) return channel;
            await ChannelLifetime.CloseAsync(channel);
        }
        return await OpenAsync(connection, cancellationToken);
    }

    /// <param name="healthy">Whether everything published on it was confirmed; otherwise it is closed.</param>
    public async Task ReturnAsync(IChannel channel, bool healthy)
    {
        if (healthy && channel.IsOpen && disposed == 0)
        {
            idle.Add(channel);
            return;
        }
        await ChannelLifetime.CloseAsync(channel);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        while (idle.TryTake(out var channel)) await ChannelLifetime.CloseAsync(channel);
    }
}
