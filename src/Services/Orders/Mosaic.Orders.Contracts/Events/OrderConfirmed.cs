namespace Mosaic.Orders.Contracts.Events;

/// <summary>The order is paid; catalog turns its reservation into a sale.</summary>
public sealed record OrderConfirmed(Guid OrderId, IReadOnlyList<OrderLine> Lines);
