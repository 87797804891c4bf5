using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>
/// A row this consumer leased. <paramref name="Seq"/> and <see cref="IncomingMessage.Attempt"/> together
/// name this one delivery: a later claim of the same row (after the lease expired) has a higher attempt,
/// so an outcome that arrives too late cannot touch it.
/// </summary>
internal sealed record ClaimedDelivery(long Seq, IncomingMessage Message);

internal readonly record struct CompletedDelivery(ClaimedDelivery Delivery, DeliveryOutcome Outcome);
