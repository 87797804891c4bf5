namespace Mosaic.Orders.Contracts.Events;

/// <summary>An order was accepted; catalog reserves its stock (all lines or none).</summary>
public sealed record OrderPlaced(Guid OrderId, Guid CustomerId, IReadOnlyList<OrderLine> Lines, long TotalCents);
