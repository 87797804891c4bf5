namespace Mosaic.Orders.Contracts;

public sealed record OrderItemResponse(Guid ProductId, int Quantity, decimal UnitPrice, decimal LineTotal);
