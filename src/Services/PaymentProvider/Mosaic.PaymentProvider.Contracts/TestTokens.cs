namespace Mosaic.PaymentProvider.Contracts;

/// <summary>The simulator's card tokens; any other token is declined as invalid.</summary>
public static class TestTokens
{
    public const string Ok = "tok_ok";
    public const string Declined = "tok_declined";
}
