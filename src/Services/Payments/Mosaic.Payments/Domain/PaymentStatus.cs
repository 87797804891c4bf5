namespace Mosaic.Payments.Domain;

public enum PaymentStatus
{
    Succeeded,
    Declined,
    Cancelled,
    Refunded,
}
