namespace Mosaic.Orders.Contracts;

/// <summary>The values of an order's <c>status</c> field. Confirmed and Cancelled are final.</summary>
public static class OrderStatuses
{
    public const string Pending = "Pending";
    public const string AwaitingPayment = "AwaitingPayment";
    public const string Confirmed = "Confirmed";
    public const string Cancelled = "Cancelled";
}
