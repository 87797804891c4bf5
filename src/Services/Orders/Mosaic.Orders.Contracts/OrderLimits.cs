namespace Mosaic.Orders.Contracts;

/// <summary>The bounds an order request must stay within, shared by the request contracts and their clients.</summary>
public static class OrderLimits
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 100;
    public const int PaymentTokenMaxLength = 100;
    public const int IdempotencyKeyMaxLength = 100;
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}
