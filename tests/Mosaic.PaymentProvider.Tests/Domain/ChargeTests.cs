using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Domain;

namespace Mosaic.PaymentProvider.Tests.Domain;

public sealed class ChargeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static Charge Attempt(string token) =>
        Charge.Attempt(Charge.NewId(), "key", RequestFingerprint.Of(100, "EUR", token, null), 100, "EUR", token, null, Now);

    [Fact]
    public void The_token_decides_the_outcome()
    {
        Assert.Equal(ChargeStatus.Succeeded, Attempt(TestTokens.Ok).Status);
        Assert.Equal((ChargeStatus.Declined, DeclineCodes.CardDeclined), (Attempt(TestTokens.Declined).Status, Attempt(TestTokens.Declined).DeclineCode));
        Assert.Equal(DeclineCodes.InvalidToken, Attempt("tok_unknown").DeclineCode);
    }

    [Fact]
    public void Refunding_twice_keeps_the_first_refund_time()
    {
        var charge = Attempt(TestTokens.Ok);

        charge.Refund(Now.AddMinutes(1));
        charge.Refund(Now.AddMinutes(2));

        Assert.Equal(ChargeStatus.Refunded, charge.Status);
        Assert.Equal(Now.AddMinutes(1), charge.RefundedAt);
    }

    [Fact]
    public void A_declined_charge_refuses_a_refund()
    {
        Assert.Throws<LedgerRuleException>(() => Attempt(TestTokens.Declined).Refund(Now));
    }

    [Fact]
    public void The_fingerprint_changes_with_every_field_and_cannot_be_forged_by_shifting_separators()
    {
        var base_ = RequestFingerprint.Of(100, "EUR", "tok_ok", "a");
        Assert.Equal(base_, RequestFingerprint.Of(100, "EUR", "tok_ok", "a"));
        Assert.NotEqual(base_, RequestFingerprint.Of(101, "EUR", "tok_ok", "a"));
        Assert.NotEqual(base_, RequestFingerprint.Of(100, "USD", "tok_ok", "a"));
        Assert.NotEqual(base_, RequestFingerprint.Of(100, "EUR", "tok_declined", "a"));
        Assert.NotEqual(base_, RequestFingerprint.Of(100, "EUR", "tok_ok", null));
        Assert.NotEqual(RequestFingerprint.Of(1, "EUR", "a|b", "c"), RequestFingerprint.Of(1, "EUR", "a", "b|c"));
    }
}
