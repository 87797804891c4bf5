namespace Mosaic.Orders.Contracts.Events;

/// <summary>The versioned names of the events orders publishes.</summary>
public static class OrderEvents
{
    public const string OrderPlaced = "orders.order-placed.v1";
    public const string PaymentRequested = "orders.payment-requested.v1";
    public const string OrderConfirmed = "orders.order-confirmed.v1";
    public const string OrderCancelled = "orders.order-cancelled.v1";
}
