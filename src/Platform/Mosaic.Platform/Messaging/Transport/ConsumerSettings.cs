namespace Mosaic.Platform.Messaging.Transport;

/// <summary>How a consumer takes messages from its queue.</summary>
public sealed record ConsumerSettings
{
    /// <summary>Messages handled at once by this consumer (prefetch for a broker).</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>
    /// How long a delivered message stays invisible to other consumers. A consumer that dies holding
    /// it loses it to another one once this passes; a handler must finish well within it.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long stopping waits for handlers in flight before leaving their messages to the lease.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
