namespace Mosaic.Payments.Contracts.Events;

/// <summary>The versioned names of the events payments publishes.</summary>
public static class PaymentEvents
{
    public const string PaymentSucceeded = "payments.payment-succeeded.v1";
    public const string PaymentFailed = "payments.payment-failed.v1";
}
