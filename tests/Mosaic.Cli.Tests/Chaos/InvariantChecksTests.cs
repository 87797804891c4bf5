using Mosaic.Catalog.Contracts;
using Mosaic.Cli.Chaos.Invariants;
using Mosaic.Cli.Commands.Bus;
using Mosaic.Cli.Load.Shop;
using Mosaic.Payments.Contracts;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Tests.Chaos;

public class InvariantChecksTests
{
    private static readonly Guid Product = Guid.NewGuid();

    private static ChargeResponse Charge(Guid order, string status, string? id = null) =>
        new(id ?? $"ch_{Guid.NewGuid():N}", status, 100, "EUR", order.ToString(), Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);

    private static PaymentResponse Payment(Guid order, string status, string? chargeId) =>
        new(Guid.NewGuid(), order, 100, status, chargeId, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private static InstanceMessaging Instance(string service, long? backlog, MessagingState state = MessagingState.Running) =>
        new(service, 0, state, "embedded", service, [], [], backlog, null);

    /// <summary>Two orders, one confirmed and paid, one cancelled without a charge: every invariant holds.</summary>
    private static AuditEvidence Healthy(out Guid confirmed, out Guid cancelled)
    {
        confirmed = Guid.NewGuid();
        cancelled = Guid.NewGuid();
        var charge = Charge(confirmed, ChargeStatuses.Succeeded, "ch_1");
        return new AuditEvidence(
            [new SettledOrder(confirmed, "Confirmed", null, TimeSpan.FromMilliseconds(300)), new SettledOrder(cancelled, "Cancelled", "payment-declined", TimeSpan.FromMilliseconds(200))],
            TimeSpan.FromSeconds(60),
            [charge, Charge(cancelled, ChargeStatuses.Declined)],
            new Dictionary<Guid, PaymentResponse?> { [confirmed] = Payment(confirmed, PaymentStatuses.Succeeded, "ch_1"), [cancelled] = Payment(cancelled, PaymentStatuses.Declined, null) },
            [new StockLevels(Product, OnHand: 99, Available: 99, Reserved: 0, Sold: 1, OpenReservations: 0)],
            InitialStock: 100,
            UnansweredOrders: 0,
            [Instance("orders", 0), Instance("catalog", 0), Instance("identity", null, MessagingState.NoMessaging)],
            [new QueueStats("orders", 0, 0, 2, null)],
            [new QueueStats("orders", 0, 0, 2, null)]);
    }

    [Fact]
    public void A_healthy_run_holds_every_invariant()
    {
        var results = InvariantChecks.Judge(Healthy(out _, out _));

        Assert.All(results, r => Assert.True(r.Held, $"{r.Name}: {r.Detail}"));
        Assert.Contains("2 from before the run", results.Single(r => r.Name == InvariantChecks.NoNewDeadLetters).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_still_pending_breaks_the_terminal_invariant()
    {
        var evidence = Healthy(out _, out _);
        evidence = evidence with { Orders = [.. evidence.Orders, new SettledOrder(Guid.NewGuid(), "AwaitingPayment", null, null)] };

        var result = InvariantChecks.Terminal(evidence);

        Assert.False(result.Held);
        Assert.Contains("1 of 3 not terminal", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_charge_for_one_order_is_a_double_charge_even_when_refunded()
    {
        var evidence = Healthy(out var confirmed, out _);
        evidence = evidence with { Ledger = [.. evidence.Ledger, Charge(confirmed, ChargeStatuses.Refunded)] };

        var result = InvariantChecks.Charges(evidence);

        Assert.False(result.Held);
        Assert.Contains("charged 2 times", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_charge_that_payments_does_not_know_breaks_the_charge_invariant()
    {
        var evidence = Healthy(out var confirmed, out _);
        evidence = evidence with { Payments = new Dictionary<Guid, PaymentResponse?>(evidence.Payments) { [confirmed] = Payment(confirmed, PaymentStatuses.Succeeded, "ch_other") } };

        Assert.False(InvariantChecks.Charges(evidence).Held);
    }

    [Fact]
    public void A_cancelled_order_left_charged_breaks_the_charge_invariant()
    {
        var evidence = Healthy(out _, out var cancelled);
        evidence = evidence with { Ledger = [.. evidence.Ledger, Charge(cancelled, ChargeStatuses.Succeeded)] };

        var result = InvariantChecks.Charges(evidence);

        Assert.False(result.Held);
        Assert.Contains("still charged", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(98, 0, 1, "≠")]          // a unit vanished
    [InlineData(98, 1, 1, "still reserved")] // every order ended, yet a unit is held
    [InlineData(97, 0, 3, "sold for 1 confirmed")] // more sold than orders explain
    public void Units_that_do_not_add_up_break_stock_conservation(int available, int reserved, int sold, string expected)
    {
        var evidence = Healthy(out _, out _) with { Stock = [new StockLevels(Product, available + reserved, available, reserved, sold, reserved)] };

        var result = InvariantChecks.Stock(evidence);

        Assert.False(result.Held);
        Assert.Contains(expected, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_sold_for_an_order_whose_request_got_no_answer_is_explained()
    {
        var evidence = Healthy(out _, out _) with
        {
            Stock = [new StockLevels(Product, 98, 98, 0, 2, 0)],
            UnansweredOrders = 1,
        };

        var result = InvariantChecks.Stock(evidence);

        Assert.True(result.Held, result.Detail);
        Assert.Contains("got no answer but which went through", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsent_event_or_a_new_dead_letter_is_reported()
    {
        var evidence = Healthy(out _, out _) with
        {
            Messaging = [Instance("orders", 3)],
            QueuesAfter = [new QueueStats("orders", 0, 0, 5, null)],
        };

        Assert.Contains("orders-0 has 3 unsent", InvariantChecks.Outboxes(evidence).Detail, StringComparison.Ordinal);
        var dead = InvariantChecks.DeadLetters(evidence);
        Assert.False(dead.Held);
        Assert.Contains("orders +3", dead.Detail, StringComparison.Ordinal);
    }
}
