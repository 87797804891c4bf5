using Mosaic.Orders.Contracts.Events;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Payments.Domain;
using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Messaging;

/// <summary>
/// Payments as it runs for real: orders' events arrive on the embedded bus, the platform's consumer
/// runs the handlers with its inbox and retries, and the answers leave through the outbox.
/// </summary>
public sealed class ConsumePathTests : IAsyncLifetime
{
    private readonly PaymentsSystem system = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task A_payment_request_on_the_bus_is_charged_once_and_answered_even_when_delivered_twice()
    {
        await system.StartAsync();
        var orderId = Guid.NewGuid();

        var message = await system.Bus.PublishAsync(OrderEvents.PaymentRequested, new PaymentRequested(orderId, Guid.NewGuid(), 2500, TestTokens.Ok));
        await PaymentsSystem.WaitUntilAsync(() => Task.FromResult(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded).Count == 1), "PaymentSucceeded arrived");
        await system.Bus.PublishAsync(OrderEvents.PaymentRequested, (PaymentRequested?)null, again: message);
        // A message published after the duplicate proves the duplicate was dealt with (one consumer queue, handled in turn or skipped).
        await system.Bus.PublishAsync(OrderEvents.OrderCancelled, new OrderCancelled(orderId, CancellationReasons.CustomerRequest, []));
        await PaymentsSystem.WaitUntilAsync(async () => (await system.PaymentOfAsync(orderId))?.Status == PaymentStatus.Refunded, "the cancellation refunded the payment");

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal(ChargeStatuses.Refunded, charge.Status);
        var succeeded = Assert.Single(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded));
        Assert.Equal((orderId, charge.Id, 2500L), (succeeded.OrderId, succeeded.ChargeId, succeeded.AmountCents));
        var envelope = Assert.Single(system.Bus.Received);
        Assert.Equal("payments", envelope.Source);
        Assert.Equal(message.MessageId, envelope.CausationId);
    }

    [Fact]
    public async Task A_charge_whose_answer_is_lost_is_retried_by_the_platform_until_the_provider_recovers_and_charged_once()
    {
        system.Settings["Mosaic:Messaging:MaxAttempts"] = "100";
        await system.StartAsync();
        await system.Provider.SetFaultsAsync(new FaultSettings { ErrorRate = 1.0, ErrorAfterCharge = true });
        var orderId = Guid.NewGuid();

        await system.Bus.PublishAsync(OrderEvents.PaymentRequested, new PaymentRequested(orderId, Guid.NewGuid(), 777, TestTokens.Ok));
        await PaymentsSystem.WaitUntilAsync(async () => (await system.Provider.LedgerAsync(orderId)).Count == 1, "the provider recorded the charge");
        Assert.Null(await system.PaymentOfAsync(orderId));
        Assert.Empty(system.Bus.Received);

        await system.Provider.ClearFaultsAsync();
        await PaymentsSystem.WaitUntilAsync(() => Task.FromResult(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded).Count == 1), "PaymentSucceeded arrived");

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal(charge.Id, Assert.Single(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded)).ChargeId);
        Assert.Equal(PaymentStatus.Succeeded, (await system.PaymentOfAsync(orderId))!.Status);
    }

    [Fact]
    public async Task A_declined_payment_on_the_bus_is_answered_with_PaymentFailed()
    {
        await system.StartAsync();
        var orderId = Guid.NewGuid();

        await system.Bus.PublishAsync(OrderEvents.PaymentRequested, new PaymentRequested(orderId, Guid.NewGuid(), 2500, TestTokens.Declined));

        await PaymentsSystem.WaitUntilAsync(() => Task.FromResult(system.Bus.Events<PaymentFailed>(PaymentEvents.PaymentFailed).Count == 1), "PaymentFailed arrived");
        Assert.Equal(new PaymentFailed(orderId, DeclineCodes.CardDeclined), system.Bus.Events<PaymentFailed>(PaymentEvents.PaymentFailed).Single());
    }
}
