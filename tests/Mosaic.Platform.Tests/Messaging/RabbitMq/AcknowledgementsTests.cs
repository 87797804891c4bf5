using System.Reflection;
using Mosaic.Platform.Messaging.RabbitMq;
using RabbitMQ.Client;

namespace Mosaic.Platform.Tests.Messaging.RabbitMq;

/// <summary>A consumer's acks settled together go out as one multiple ack, and never reach past a delivery still in hand.</summary>
public sealed class AcknowledgementsTests
{
    [Fact]
    public async Task Acks_settled_while_another_is_being_sent_go_out_together_as_one_multiple_ack()
    {
        var channel = RecordingChannel.Create();
        var acknowledgements = Receive(channel, 5);

        var first = channel.HoldNextSend(() => acknowledgements.AckAsync(1));
        await channel.Sending;
        var later = new[] { acknowledgements.AckAsync(2), acknowledgements.AckAsync(3), acknowledgements.AckAsync(4) };
        channel.Release();
        await Task.WhenAll([first, .. later]);

        Assert.Equal([(1ul, false), (4ul, true)], channel.Acks);
    }

    [Fact]
    public async Task An_ack_never_reaches_past_a_delivery_still_in_hand()
    {
        var channel = RecordingChannel.Create();
        var acknowledgements = Receive(channel, 5);

        var first = channel.HoldNextSend(() => acknowledgements.AckAsync(1));
        await channel.Sending;
        var later = new[] { acknowledgements.AckAsync(3), acknowledgements.AckAsync(4) }; // 2 is still being handled
        channel.Release();
        await Task.WhenAll([first, .. later]);
        await acknowledgements.AckAsync(2);

        Assert.Equal([(1ul, false), (3ul, false), (4ul, false), (2ul, false)], channel.Acks);
    }

    [Fact]
    public async Task A_delivery_whose_ack_failed_or_that_was_given_back_is_not_covered_by_a_later_multiple_ack()
    {
        var channel = RecordingChannel.Create();
        var acknowledgements = Receive(channel, 4);

        channel.FailNextSend();
        await Assert.ThrowsAsync<IOException>(() => acknowledgements.AckAsync(1));
        var givenBack = channel.HoldNextNack(() => acknowledgements.RequeueAsync(2, CancellationToken.None));
        await channel.Sending;
        var later = new[] { acknowledgements.AckAsync(3), acknowledgements.AckAsync(4) };
        await Task.WhenAll(later);
        channel.Release();
        await givenBack;

        Assert.Equal([(3ul, false), (4ul, false)], channel.Acks);
        Assert.Equal([2ul], channel.Nacks);
    }

    private static Acknowledgements Receive(RecordingChannel channel, int deliveries)
    {
        var acknowledgements = new Acknowledgements(channel.AsChannel);
        for (var tag = 1ul; tag <= (ulong)deliveries; tag++) acknowledgements.Received(tag);
        return acknowledgements;
    }

    /// <summary>A channel that records acks and nacks; one send can be held until released, or made to fail.</summary>
    public class RecordingChannel : DispatchProxy
    {
        private readonly Lock gate = new();
        private TaskCompletionSource sending = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool holdNext;
        private bool failNext;

        public List<(ulong Tag, bool Multiple)> Acks { get; } = [];

        public List<ulong> Nacks { get; } = [];

        /// <summary>Completes when the held send has started.</summary>
        public Task Sending => sending.Task;

        public static RecordingChannel Create() => (RecordingChannel)Create<IChannel, RecordingChannel>();

        public IChannel AsChannel => (IChannel)(object)this;

        public Task HoldNextSend(Func<Task> send)
        {
            holdNext = true;
            return send();
        }

        public Task HoldNextNack(Func<Task> send) => HoldNextSend(send);

        public void FailNextSend() => failNext = true;

        public void Release() => release.TrySetResult();

        // A proxy returns the ValueTask boxed; the channel's caller awaits it once.
#pragma warning disable CA2012
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            switch (targetMethod?.Name)
            {
                case nameof(IChannel.BasicAckAsync):
                    lock (gate) Acks.Add(((ulong)args![0]!, (bool)args[1]!));
                    return Send();
                case nameof(IChannel.BasicNackAsync):
                    lock (gate) Nacks.Add((ulong)args![0]!);
                    return Send();
                default:
                    throw new NotSupportedException($"The test channel does not do {targetMethod?.Name}.");
            }
        }
#pragma warning restore CA2012

        private ValueTask Send()
        {
            if (failNext)
            {
                failNext = false;
                lock (gate) Acks.RemoveAt(Acks.Count - 1);
                return ValueTask.FromException(new IOException("The connection went."));
            }
            if (!holdNext) return ValueTask.CompletedTask;
            holdNext = false;
            sending.TrySetResult();
            return new ValueTask(release.Task);
        }
    }
}
