namespace Mosaic.Orders.Domain;

/// <summary>A line of an order: a product, how many, and the unit price catalog quoted when the order was placed.</summary>
public sealed class OrderItem
{
    public OrderItem(Guid productId, int quantity, long unitPriceCents)
    {
        ProductId = productId;
        Quantity = quantity;
        UnitPriceCents = unitPriceCents;
    }

    public Guid OrderId { get; private set; }
    public Guid ProductId { get; private set; }
    public int Quantity { get; private set; }
    public long UnitPriceCents { get; private set; }

    public long LineTotalCents => UnitPriceCents * Quantity;
}
