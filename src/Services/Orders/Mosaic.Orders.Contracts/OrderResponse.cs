namespace Mosaic.Orders.Contracts;

/// <summary>
/// An order as its owner sees it. Amounts are in euros, priced by catalog when the order was placed.
/// <see cref="Reason"/> is one of <c>CancellationReasons</c> when <see cref="Status"/> is Cancelled, else null;
/// <see cref="History"/> lists every status the order has been in, oldest first.
/// </summary>
public sealed record OrderResponse(
    Guid Id,
    string Status,
    string? Reason,
    IReadOnlyList<OrderItemResponse> Items,
    decimal Total,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<OrderStatusChange> History);
