namespace Mosaic.Catalog.Contracts.Events;

/// <summary>
/// Nothing was reserved for the order: <see cref="ProductId"/> (when one is to blame) had fewer than
/// the quantity asked available, or does not exist.
/// </summary>
public sealed record StockReservationFailed(Guid OrderId, Guid? ProductId, string Reason);
