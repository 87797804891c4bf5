namespace Mosaic.Catalog.Contracts;

/// <summary>
/// A product's stock as an auditor sees it (<c>GET /admin/stock/{id}</c>, admins only). <see cref="OnHand"/>
/// is what is on the shelf, reserved units included; <see cref="Sold"/> the units of committed reservations,
/// which have left it. Stock is conserved when the units the product started with equal
/// <see cref="Available"/> + <see cref="Reserved"/> + <see cref="Sold"/> (absent restocking by an admin).
/// </summary>
public sealed record StockLevels(Guid ProductId, int OnHand, int Available, int Reserved, int Sold, int OpenReservations);
