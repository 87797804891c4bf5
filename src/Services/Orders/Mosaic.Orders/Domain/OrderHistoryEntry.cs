namespace Mosaic.Orders.Domain;

/// <summary>
/// A status an order entered. <see cref="Sequence"/> is the order's version after the change, so entries
/// sort in the order they happened. It is deliberately not part of the key: two writers racing on one
/// order must fail on the order's version check, which reports the race as a concurrency conflict,
/// rather than on a duplicate history key, which would look like any other failed insert.
/// </summary>
public sealed class OrderHistoryEntry
{
    public OrderHistoryEntry(Guid id, Guid orderId, int sequence, OrderStatus status, string? reason, long at)
    {
        Id = id;
        OrderId = orderId;
        Sequence = sequence;
        Status = status;
        Reason = reason;
        At = at;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public int Sequence { get; private set; }
    public OrderStatus Status { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>Unix milliseconds.</summary>
    public long At { get; private set; }
}
