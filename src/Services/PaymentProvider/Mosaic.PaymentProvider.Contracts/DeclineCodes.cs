namespace Mosaic.PaymentProvider.Contracts;

/// <summary>Why the provider declined a charge (<see cref="ChargeResponse.DeclineCode"/>).</summary>
public static class DeclineCodes
{
    public const string CardDeclined = "card_declined";
    public const string InvalidToken = "invalid_token";
}
