using RabbitMQ.Client;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>
/// Settles one consumer channel's deliveries. Acks that come in together (a commit group settles its
/// messages at once) go out as one <c>multiple</c> ack, up to the highest of them below every delivery
/// still unsettled, and one by one above it: a quorum queue turns every ack frame into an entry of its
/// log. A delivery counts as unsettled from its arrival until its own ack or nack has been sent, so a
/// multiple ack never reaches a message that is still being handled, retried, given back or abandoned.
/// That needs every delivery registered (<see cref="Received"/>) before a later one can be acked: the
/// consumer's channel dispatches deliveries one at a time, in order.
/// </summary>
internal sealed class Acknowledgements(IChannel channel)
{
    private readonly Lock gate = new();
    private readonly SortedSet<ulong> unsettled = [];
    private List<PendingAck> queued = [];
    private bool sending;

    /// <summary>A delivery arrived: no multiple ack may reach past it until it is settled.</summary>
    public void Received(ulong tag)
    {
        lock (gate) unsettled.Add(tag);
    }

    /// <summary>
    /// The channel went: the broker takes its deliveries back, so they hold nothing back any more. The client
    /// reports the loss before it recovers the channel, and drops acks of tags from before the recovery.
    /// </summary>
    public void ChannelLost()
    {
        lock (gate) unsettled.Clear();
    }

    /// <summary>Completes once the ack is sent, alone or with others; fails as the client's ack would.</summary>
    public Task AckAsync(ulong tag)
    {
        var ack = new PendingAck(tag);
        bool start;
        lock (gate)
        {
            queued.Add(ack);
            start = !sending;
            sending = true;
        }
        if (start) _ = Task.Run(SendQueuedAsync);
        return ack.Sent.Task;
    }

    /// <summary>Gives one delivery back to the queue.</summary>
    public async Task RequeueAsync(ulong tag, CancellationToken cancellationToken)
    {
        await channel.BasicNackAsync(tag, multiple: false, requeue: true, cancellationToken);
        Settled(tag);
    }

    private async Task SendQueuedAsync()
    {
        // Acks completed at the same moment are still being queued by their own tasks: let them join.
        await Task.Yield();
        while (true)
        {
            List<PendingAck> batch;
            ulong barrier;
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    sending = false;
                    return;
                }
                (batch, queued) = (queued, []);
                barrier = LowestUnsettledOutside(batch);
            }
            batch.Sort((a, b) => a.Tag.CompareTo(b.Tag));
            var covered = batch.FindAll(a => a.Tag < barrier);
            if (covered.Count > 0) await SendAsync(covered, covered[^1].Tag, multiple: covered.Count > 1);
            foreach (var alone in batch.Skip(covered.Count)) await SendAsync([alone], alone.Tag, multiple: false);
        }
    }

    private ulong LowestUnsettledOutside(List<PendingAck> batch)
    {
        foreach (var tag in unsettled) // ascending
            if (!batch.Exists(a => a.Tag == tag)) return tag;
        return ulong.MaxValue;
    }

    private async Task SendAsync(List<PendingAck> acks, ulong tag, bool multiple)
    {
        try
        {
            await channel.BasicAckAsync(tag, multiple, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Not sent: the deliveries stay unsettled (the channel's loss, if that is what it was, clears them).
            foreach (var ack in acks) ack.Sent.TrySetException(e);
            return;
        }
        foreach (var ack in acks)
        {
            Settled(ack.Tag);
            ack.Sent.TrySetResult();
        }
    }

    private void Settled(ulong tag)
    {
        lock (gate) unsettled.Remove(tag);
    }

    private sealed class PendingAck(ulong tag)
    {
        public ulong Tag { get; } = tag;

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
