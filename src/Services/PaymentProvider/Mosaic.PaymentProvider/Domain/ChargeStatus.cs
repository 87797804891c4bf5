namespace Mosaic.PaymentProvider.Domain;

public enum ChargeStatus
{
    Succeeded,
    Declined,
    Refunded,
}
