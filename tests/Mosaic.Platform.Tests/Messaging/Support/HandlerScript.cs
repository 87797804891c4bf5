using System.Collections.Concurrent;
using Mosaic.Platform.Messaging;

namespace Mosaic.Platform.Tests.Messaging.Support;

/// <summary>Tells the test handlers how to misbehave, and records what they saw.</summary>
public sealed class HandlerScript
{
    /// <summary>Throw on this many deliveries before succeeding (int.MaxValue: always).</summary>
    public int FailTimes { get; set; }

    /// <summary>Deposits of this amount always fail (the others succeed).</summary>
    public long? FailAmount { get; set; }

    /// <summary>On the first delivery, record the effect and then hang, ignoring cancellation, until <see cref="Release"/>.</summary>
    public bool HangOnFirstDelivery { get; set; }

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(EventContext Context, object Event, string? TraceId)> Seen { get; } = new();

    private int calls;

    public int Calls => Volatile.Read(ref calls);

    internal int NextCall() => Interlocked.Increment(ref calls);
}
