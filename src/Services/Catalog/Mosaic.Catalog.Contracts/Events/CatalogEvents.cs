namespace Mosaic.Catalog.Contracts.Events;

/// <summary>The versioned names of the events catalog publishes.</summary>
public static class CatalogEvents
{
    public const string StockReserved = "catalog.stock-reserved.v1";
    public const string StockReservationFailed = "catalog.stock-reservation-failed.v1";
}
