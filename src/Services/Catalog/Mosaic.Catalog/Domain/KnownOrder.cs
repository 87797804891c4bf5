namespace Mosaic.Catalog.Domain;

/// <summary>
/// An order catalog has acted on, made by whichever of its placement or its cancellation is handled
/// first. Events arrive in no set order, and two instances may handle both at once: keyed by the
/// order id, only one of them can create this row, and the other is run again and sees it. A
/// <see cref="Tombstone"/> is an order cancelled before anything was reserved for it, so that a
/// placement arriving late reserves nothing.
/// </summary>
public sealed class KnownOrder
{
    private KnownOrder(Guid orderId, bool tombstone)
    {
        OrderId = orderId;
        Tombstone = tombstone;
    }

    public Guid OrderId { get; private set; }

    public bool Tombstone { get; private set; }

    /// <summary>Stock is reserved for the order: its lines are its reservations.</summary>
    public static KnownOrder Reserved(Guid orderId) => new(orderId, tombstone: false);

    /// <summary>The order was cancelled before catalog reserved anything for it.</summary>
    public static KnownOrder CancelledBeforeReserving(Guid orderId) => new(orderId, tombstone: true);
}
