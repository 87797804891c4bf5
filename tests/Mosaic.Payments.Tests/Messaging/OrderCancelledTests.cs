using Mosaic.Orders.Contracts.Events;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Domain;
using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Messaging;

/// <summary>The OrderCancelled handler: refunds what was paid, leaves a tombstone for what was not.</summary>
public sealed class OrderCancelledTests : IAsyncLifetime
{
    private readonly PaymentsSystem system = new();

    public async ValueTask InitializeAsync() => await system.StartAsync();

    public ValueTask DisposeAsync() => system.DisposeAsync();

    private static OrderCancelled Cancelled(Guid orderId) => new(orderId, CancellationReasons.CustomerRequest, []);

    [Fact]
    public async Task An_order_cancelled_after_payment_is_refunded_once_however_often_the_cancellation_comes()
    {
        var orderId = Guid.NewGuid();
        await system.HandleAsync(new PaymentRequested(orderId, Guid.NewGuid(), 1500, TestTokens.Ok));

        await system.HandleAsync(Cancelled(orderId));
        await system.HandleAsync(Cancelled(orderId));

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal(ChargeStatuses.Refunded, charge.Status);
        var payment = await system.PaymentOfAsync(orderId);
        Assert.Equal((PaymentStatus.Refunded, charge.Id, 1500L), (payment!.Status, payment.ChargeId, payment.AmountCents));
    }

    [Fact]
    public async Task A_refund_that_could_not_reach_the_provider_fails_the_run_and_leaves_the_payment_paid()
    {
        var orderId = Guid.NewGuid();
        await system.HandleAsync(new PaymentRequested(orderId, Guid.NewGuid(), 1500, TestTokens.Ok));
        await system.Provider.SetFaultsAsync(new FaultSettings { Outage = true });

        await Assert.ThrowsAsync<Mosaic.Payments.Provider.ProviderUnavailableException>(() => system.HandleAsync(Cancelled(orderId)));
        Assert.Equal(PaymentStatus.Succeeded, (await system.PaymentOfAsync(orderId))!.Status);

        await system.Provider.ClearFaultsAsync();
        await system.HandleAsync(Cancelled(orderId));
        Assert.Equal(ChargeStatuses.Refunded, Assert.Single(await system.Provider.LedgerAsync(orderId)).Status);
    }

    [Fact]
    public async Task A_declined_order_that_is_cancelled_needs_no_refund()
    {
        var orderId = Guid.NewGuid();
        await system.HandleAsync(new PaymentRequested(orderId, Guid.NewGuid(), 1500, TestTokens.Declined));

        await system.HandleAsync(new OrderCancelled(orderId, CancellationReasons.PaymentDeclined, []));

        Assert.Equal(ChargeStatuses.Declined, Assert.Single(await system.Provider.LedgerAsync(orderId)).Status);
        Assert.Equal(PaymentStatus.Declined, (await system.PaymentOfAsync(orderId))!.Status);
    }

    [Fact]
    public async Task An_order_cancelled_before_payment_leaves_a_tombstone()
    {
        var orderId = Guid.NewGuid();

        await system.HandleAsync(Cancelled(orderId));
        await system.HandleAsync(Cancelled(orderId));

        var payment = await system.PaymentOfAsync(orderId);
        Assert.Equal((PaymentStatus.Cancelled, (string?)null), (payment!.Status, payment.ChargeId));
    }
}
