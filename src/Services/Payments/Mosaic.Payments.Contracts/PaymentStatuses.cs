namespace Mosaic.Payments.Contracts;

/// <summary>The values of <see cref="PaymentResponse.Status"/>.</summary>
public static class PaymentStatuses
{
    public const string Succeeded = "succeeded";
    public const string Declined = "declined";

    /// <summary>The order was cancelled before it was paid: it will not be charged.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The order was charged and the money given back.</summary>
    public const string Refunded = "refunded";
}
