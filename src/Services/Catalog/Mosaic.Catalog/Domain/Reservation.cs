namespace Mosaic.Catalog.Domain;

/// <summary>
/// Units of one product set aside for one order. It only ever moves forward: a reserved line is
/// released (the order was cancelled) or committed (the order was paid), and then stays so, which is
/// what makes a repeated or late cancellation or confirmation harmless.
/// </summary>
public sealed class Reservation
{
    private Reservation(Guid orderId, Guid productId, int quantity)
    {
        OrderId = orderId;
        ProductId = productId;
        Quantity = quantity;
        Status = ReservationStatus.Reserved;
    }

    public Guid OrderId { get; private set; }
    public Guid ProductId { get; private set; }
    public int Quantity { get; private set; }
    public ReservationStatus Status { get; private set; }

    /// <summary>Reserves <paramref name="quantity"/> of the product for the order.</summary>
    public static Reservation Of(Guid orderId, Product product, int quantity)
    {
        ArgumentNullException.ThrowIfNull(product);
        product.Reserve(quantity);
        return new Reservation(orderId, product.Id, quantity);
    }

    /// <summary>Gives the units back to what the product has available.</summary>
    public void Release(Product product)
    {
        Check(product, "release");
        product.Release(Quantity);
        Status = ReservationStatus.Released;
    }

    /// <summary>Takes the units off the product's stock for good.</summary>
    public void Commit(Product product)
    {
        Check(product, "commit");
        product.Commit(Quantity);
        Status = ReservationStatus.Committed;
    }

    private void Check(Product product, string action)
    {
        ArgumentNullException.ThrowIfNull(product);
        if (product.Id != ProductId)
            throw new CatalogRuleException($"The reservation of order {OrderId} is for product {ProductId}, not {product.Id}.");
        if (Status != ReservationStatus.Reserved)
            throw new CatalogRuleException($"Cannot {action} the reservation of order {OrderId} for product {ProductId}: it is {Status}.");
    }
}
