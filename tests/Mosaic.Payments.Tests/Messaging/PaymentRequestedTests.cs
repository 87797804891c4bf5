using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Contracts.Events;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Payments.Domain;
using Mosaic.Payments.Messaging;
using Mosaic.Payments.Provider;
using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Messaging;

/// <summary>
/// The PaymentRequested handler against the real provider simulator, run as the platform runs it
/// (fresh scope, one save), including runs that die before committing and runs that lose races.
/// </summary>
public sealed class PaymentRequestedTests : IAsyncLifetime
{
    private readonly PaymentsSystem system = new();

    public async ValueTask InitializeAsync() => await system.StartAsync();

    public ValueTask DisposeAsync() => system.DisposeAsync();

    private static PaymentRequested Request(Guid orderId, string token = TestTokens.Ok, long amountCents = 4299) =>
        new(orderId, Guid.NewGuid(), amountCents, token);

    [Fact]
    public async Task A_good_card_is_charged_once_the_payment_recorded_and_PaymentSucceeded_published()
    {
        var orderId = Guid.NewGuid();

        await system.HandleAsync(Request(orderId, amountCents: 4299));

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal((ChargeStatuses.Succeeded, 4299L, "EUR", $"order-{orderId:D}"), (charge.Status, charge.AmountCents, charge.Currency, charge.IdempotencyKey));
        var payment = await system.PaymentOfAsync(orderId);
        Assert.NotNull(payment);
        Assert.Equal((PaymentStatus.Succeeded, charge.Id, 4299L), (payment.Status, payment.ChargeId, payment.AmountCents));

        await PaymentsSystem.WaitUntilAsync(() => Task.FromResult(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded).Count == 1), "PaymentSucceeded reached orders' queue");
        Assert.Equal(new PaymentSucceeded(orderId, payment.Id, charge.Id, 4299), system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded).Single());
    }

    [Theory]
    [InlineData(TestTokens.Declined, DeclineCodes.CardDeclined)]
    [InlineData("tok_expired", DeclineCodes.InvalidToken)]
    public async Task A_declined_card_records_a_declined_payment_and_publishes_PaymentFailed_with_the_code(string token, string code)
    {
        var orderId = Guid.NewGuid();

        await system.HandleAsync(Request(orderId, token));

        var payment = await system.PaymentOfAsync(orderId);
        Assert.Equal((PaymentStatus.Declined, code), (payment!.Status, payment.DeclineCode));
        await PaymentsSystem.WaitUntilAsync(() => Task.FromResult(system.Bus.Events<PaymentFailed>(PaymentEvents.PaymentFailed).Count == 1), "PaymentFailed reached orders' queue");
        Assert.Equal(new PaymentFailed(orderId, code), system.Bus.Events<PaymentFailed>(PaymentEvents.PaymentFailed).Single());
        Assert.Empty(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded));
    }

    [Fact]
    public async Task A_run_that_charged_and_died_before_committing_is_run_again_without_a_second_charge()
    {
        var orderId = Guid.NewGuid();
        await using (await system.RunAsync(Request(orderId)))
        {
            // The process dies here: the charge was made, nothing of it was committed in payments.
        }
        Assert.Null(await system.PaymentOfAsync(orderId));

        await system.HandleAsync(Request(orderId));

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal(charge.Id, (await system.PaymentOfAsync(orderId))!.ChargeId);
    }

    [Fact]
    public async Task A_charge_whose_answer_was_lost_fails_the_run_and_the_next_run_gets_that_same_charge()
    {
        var orderId = Guid.NewGuid();
        await system.Provider.SetFaultsAsync(new FaultSettings { ErrorRate = 1.0, ErrorAfterCharge = true });

        // Every attempt (three, with retries) charges under the same key and never hears the answer.
        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(orderId)));
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Null(await system.PaymentOfAsync(orderId));
        Assert.Single(await system.Provider.LedgerAsync(orderId));

        await system.Provider.ClearFaultsAsync();
        await system.HandleAsync(Request(orderId));

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        var payment = await system.PaymentOfAsync(orderId);
        Assert.Equal((PaymentStatus.Succeeded, charge.Id), (payment!.Status, payment.ChargeId));
    }

    [Fact]
    public async Task A_second_request_for_a_paid_order_changes_nothing()
    {
        var orderId = Guid.NewGuid();
        await system.HandleAsync(Request(orderId));
        var paid = await system.PaymentOfAsync(orderId);

        await system.HandleAsync(Request(orderId));

        Assert.Single(await system.Provider.LedgerAsync(orderId));
        var after = await system.PaymentOfAsync(orderId);
        Assert.Equal((paid!.Id, paid.Status, paid.UpdatedAt), (after!.Id, after.Status, after.UpdatedAt));
    }

    [Fact]
    public async Task An_order_cancelled_before_payment_is_never_charged()
    {
        // One provider attempt of 1 s (ample for the in-process provider even on a loaded machine): an
        // abandoned charge could land for 2 × 1 s + 1 s after the cancellation.
        await using var quick = new PaymentsSystem();
        quick.Settings["Payments:Provider:AttemptTimeout"] = "00:00:01";
        quick.Settings["Payments:Provider:MaxAttempts"] = "1";
        await quick.StartAsync();
        var orderId = Guid.NewGuid();
        await quick.HandleAsync(new OrderCancelled(orderId, CancellationReasons.PaymentTimeout, []));

        // Right after the cancellation the request is retried rather than settled: a late charge would still be found and refunded.
        await Assert.ThrowsAsync<ChargeMayStillLandException>(() => quick.HandleAsync(Request(orderId)));
        Assert.Empty(await quick.Provider.LedgerAsync(orderId));

        await Task.Delay(TimeSpan.FromSeconds(3.2), TestContext.Current.CancellationToken);
        await quick.HandleAsync(Request(orderId));

        Assert.Empty(await quick.Provider.LedgerAsync(orderId));
        Assert.Equal(PaymentStatus.Cancelled, (await quick.PaymentOfAsync(orderId))!.Status);
    }

    [Fact]
    public async Task A_charge_made_by_a_run_that_lost_the_race_with_the_cancellation_is_refunded_when_it_runs_again()
    {
        var orderId = Guid.NewGuid();
        await using (var losing = await system.RunAsync(Request(orderId)))
        {
            // The cancellation commits its tombstone while the charging run is still in flight...
            await system.HandleAsync(new OrderCancelled(orderId, CancellationReasons.PaymentTimeout, []));
            // ...so the charging run's insert hits the one-payment-per-order index, and the platform will run it again.
            await Assert.ThrowsAsync<DbUpdateException>(losing.SaveAsync);
        }
        Assert.Equal(ChargeStatuses.Succeeded, Assert.Single(await system.Provider.LedgerAsync(orderId)).Status);

        await system.HandleAsync(Request(orderId));

        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal(ChargeStatuses.Refunded, charge.Status);
        var payment = await system.PaymentOfAsync(orderId);
        Assert.Equal((PaymentStatus.Refunded, charge.Id), (payment!.Status, payment.ChargeId));
        Assert.Empty(system.Bus.Events<PaymentSucceeded>(PaymentEvents.PaymentSucceeded));
    }

    [Fact]
    public async Task A_request_the_provider_refuses_is_not_retried_and_fails_the_run()
    {
        var orderId = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ProviderRejectedException>(() => system.HandleAsync(Request(orderId, amountCents: 0)));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Null(await system.PaymentOfAsync(orderId));
    }
}
