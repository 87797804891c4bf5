namespace Mosaic.Orders.Contracts.Events;

/// <summary>Why an order was cancelled, as its <c>reason</c> field and <see cref="OrderCancelled.Reason"/> say it.</summary>
public static class CancellationReasons
{
    public const string OutOfStock = "out-of-stock";
    public const string PaymentDeclined = "payment-declined";
    public const string PaymentTimeout = "payment-timeout";
    public const string CustomerRequest = "customer-request";
}
