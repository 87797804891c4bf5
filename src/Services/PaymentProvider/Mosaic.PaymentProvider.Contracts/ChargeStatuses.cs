namespace Mosaic.PaymentProvider.Contracts;

/// <summary>The values of <see cref="ChargeResponse.Status"/>.</summary>
public static class ChargeStatuses
{
    public const string Succeeded = "succeeded";
    public const string Declined = "declined";
    public const string Refunded = "refunded";
}
