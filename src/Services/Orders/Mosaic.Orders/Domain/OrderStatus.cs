namespace Mosaic.Orders.Domain;

/// <summary>Where an order is in its process. Stored by name, so reordering these changes nothing on disk.</summary>
public enum OrderStatus
{
    Pending,
    AwaitingPayment,
    Confirmed,
    Cancelled,
}
