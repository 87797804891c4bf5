namespace Mosaic.Catalog.Domain;

/// <summary>Where a reservation stands: held for the order, given back, or sold.</summary>
public enum ReservationStatus
{
    Reserved,
    Released,
    Committed,
}
