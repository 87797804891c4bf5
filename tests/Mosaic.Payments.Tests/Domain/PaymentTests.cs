using Mosaic.Payments.Domain;

namespace Mosaic.Payments.Tests.Domain;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_attempt_for_an_order_uses_the_same_idempotency_key_and_orders_do_not_share_one()
    {
        var orderId = Guid.NewGuid();
        Assert.Equal(Payment.ChargeKeyFor(orderId), Payment.ChargeKeyFor(orderId));
        Assert.Equal($"order-{orderId:D}", Payment.ChargeKeyFor(orderId));
        Assert.NotEqual(Payment.ChargeKeyFor(orderId), Payment.ChargeKeyFor(Guid.NewGuid()));
    }

    [Fact]
    public void Only_a_successful_payment_can_be_refunded()
    {
        var paid = Payment.Succeeded(Guid.NewGuid(), Guid.NewGuid(), 100, "ch_1", Now);
        paid.Refunded(Now.AddMinutes(1));
        Assert.Equal((PaymentStatus.Refunded, Now.AddMinutes(1)), (paid.Status, paid.UpdatedAt));

        Assert.Throws<PaymentRuleException>(() => paid.Refunded(Now));
        Assert.Throws<PaymentRuleException>(() => Payment.Declined(Guid.NewGuid(), Guid.NewGuid(), 100, "ch_2", "card_declined", Now).Refunded(Now));
        Assert.Throws<PaymentRuleException>(() => Payment.Cancelled(Guid.NewGuid(), Guid.NewGuid(), Now).Refunded(Now));
    }

    [Fact]
    public void A_stray_charge_is_recorded_as_refunded_only_on_a_tombstone()
    {
        var tombstone = Payment.Cancelled(Guid.NewGuid(), Guid.NewGuid(), Now);
        tombstone.RefundedStrayCharge("ch_3", 500, Now);
        Assert.Equal((PaymentStatus.Refunded, "ch_3", 500L), (tombstone.Status, tombstone.ChargeId, tombstone.AmountCents));

        var paid = Payment.Succeeded(Guid.NewGuid(), Guid.NewGuid(), 100, "ch_4", Now);
        Assert.Throws<PaymentRuleException>(() => paid.RefundedStrayCharge("ch_5", 100, Now));
    }

    [Fact]
    public void A_successful_payment_must_name_its_charge()
    {
        Assert.Throws<PaymentRuleException>(() => Payment.Succeeded(Guid.NewGuid(), Guid.NewGuid(), 100, "", Now));
    }
}
