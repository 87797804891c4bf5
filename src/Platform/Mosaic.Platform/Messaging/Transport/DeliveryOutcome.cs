namespace Mosaic.Platform.Messaging.Transport;

public enum DeliveryDecision
{
    /// <summary>Handled (or already handled): remove the message from the queue.</summary>
    Ack,

    /// <summary>Failed this time: deliver again after <see cref="DeliveryOutcome.Delay"/>.</summary>
    Retry,

    /// <summary>Will never succeed: park it in the queue's dead letters with the error.</summary>
    DeadLetter,
}

/// <summary>What a consumer tells the transport to do with a message it was given.</summary>
public readonly record struct DeliveryOutcome(DeliveryDecision Decision, TimeSpan Delay, string? Error)
{
    public static DeliveryOutcome Ack() => new(DeliveryDecision.Ack, TimeSpan.Zero, null);

    public static DeliveryOutcome Retry(TimeSpan delay, string error) => new(DeliveryDecision.Retry, delay, error);

    public static DeliveryOutcome DeadLetter(string error) => new(DeliveryDecision.DeadLetter, TimeSpan.Zero, error);
}
