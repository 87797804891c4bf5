namespace Mosaic.Catalog.Contracts.Events;

/// <summary>Every line of the order is reserved.</summary>
public sealed record StockReserved(Guid OrderId);
