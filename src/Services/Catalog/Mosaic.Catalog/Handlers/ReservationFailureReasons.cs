namespace Mosaic.Catalog.Handlers;

/// <summary>The <c>reason</c> of a <c>StockReservationFailed</c>.</summary>
public static class ReservationFailureReasons
{
    /// <summary>A line asks for more than the product has available.</summary>
    public const string OutOfStock = "out-of-stock";

    /// <summary>A line names a product the catalog does not have.</summary>
    public const string UnknownProduct = "unknown-product";
}
