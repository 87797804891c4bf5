namespace Mosaic.PaymentProvider.Contracts;

/// <summary>What the provider accepts in a charge request.</summary>
public static class ChargeLimits
{
    public const long MinAmountCents = 1;
    public const long MaxAmountCents = 100_000_000;
    public const string CurrencyPattern = "^[A-Z]{3}$";
    public const int TokenMaxLength = 200;
    public const int ReferenceMaxLength = 200;
    public const int IdempotencyKeyMaxLength = 200;
}
