namespace Mosaic.Orders.Contracts.Events;

/// <summary>A line of an order, priced by catalog when the order was placed.</summary>
public sealed record OrderLine(Guid ProductId, int Quantity, long UnitPriceCents);
