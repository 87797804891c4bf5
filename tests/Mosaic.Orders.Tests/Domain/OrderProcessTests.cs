using Mosaic.Orders.Contracts.Events;
using Mosaic.Orders.Domain;

namespace Mosaic.Orders.Tests.Domain;

/// <summary>The order as a process manager: each event moves it (and says what to publish), or changes nothing when it no longer applies.</summary>
public sealed class OrderProcessTests
{
    private static readonly Guid Customer = new("c0000000-0000-4000-8000-000000000001");
    private static readonly Guid Kettle = new("0a1e0000-0000-4000-8000-000000000001");
    private static readonly Guid Beans = new("0a1e0000-0000-4000-8000-000000000002");
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PaymentTimeout = TimeSpan.FromSeconds(30);

    private static Order NewOrder(out OrderPlaced placed)
    {
        (var order, placed) = Order.Place(
            Guid.CreateVersion7(), Customer, [new OrderItem(Kettle, 2, 3995), new OrderItem(Beans, 1, 1250)], "tok_ok", Start);
        return order;
    }

    private static Order NewOrder() => NewOrder(out _);

    private static Order AwaitingPayment()
    {
        var order = NewOrder();
        Assert.NotNull(order.StockReserved(Start.AddSeconds(1), PaymentTimeout));
        return order;
    }

    [Fact]
    public void Placing_prices_the_lines_and_asks_catalog_to_reserve_them()
    {
        var order = NewOrder(out var placed);

        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Null(order.Reason);
        Assert.Equal(2 * 3995 + 1250, order.TotalCents);
        Assert.Equal(order.Id, placed.OrderId);
        Assert.Equal(Customer, placed.CustomerId);
        Assert.Equal(order.TotalCents, placed.TotalCents);
        Assert.Equal([new OrderLine(Kettle, 2, 3995), new OrderLine(Beans, 1, 1250)], placed.Lines);
        Assert.Equal([OrderStatus.Pending], order.History.Select(h => h.Status));
    }

    [Fact]
    public void Placing_refuses_a_product_on_two_lines()
    {
        Assert.Throws<OrderRuleException>(() =>
            Order.Place(Guid.NewGuid(), Customer, [new OrderItem(Kettle, 1, 3995), new OrderItem(Kettle, 2, 3995)], "tok_ok", Start));
    }

    [Fact]
    public void Stock_reserved_requests_the_payment_and_sets_its_deadline()
    {
        var order = NewOrder();

        var requested = order.StockReserved(Start.AddSeconds(1), PaymentTimeout);

        Assert.Equal(new PaymentRequested(order.Id, Customer, 9240, "tok_ok"), requested);
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);
        Assert.Equal(Start.AddSeconds(31).ToUnixTimeMilliseconds(), order.PaymentDueAt);
        Assert.Null(order.PaymentToken);
    }

    [Fact]
    public void Stock_reservation_failed_cancels_as_out_of_stock()
    {
        var order = NewOrder();

        var cancelled = order.StockReservationFailed(Start.AddSeconds(1));

        Assert.NotNull(cancelled);
        Assert.Equal(CancellationReasons.OutOfStock, cancelled.Reason);
        Assert.Equal(2, cancelled.Lines.Count);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancellationReasons.OutOfStock, order.Reason);
    }

    [Fact]
    public void Payment_succeeded_confirms_and_hands_the_lines_to_catalog()
    {
        var order = AwaitingPayment();

        var confirmed = order.PaymentSucceeded(Start.AddSeconds(2));

        Assert.NotNull(confirmed);
        Assert.Equal(order.Id, confirmed.OrderId);
        Assert.Equal(order.Lines, confirmed.Lines);
        Assert.Equal(OrderStatus.Confirmed, order.Status);
        Assert.Null(order.PaymentDueAt);
        Assert.Equal([OrderStatus.Pending, OrderStatus.AwaitingPayment, OrderStatus.Confirmed], order.History.Select(h => h.Status));
    }

    [Fact]
    public void Payment_failed_cancels_as_declined()
    {
        var order = AwaitingPayment();

        var cancelled = order.PaymentFailed(Start.AddSeconds(2));

        Assert.Equal(CancellationReasons.PaymentDeclined, cancelled?.Reason);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }

    [Fact]
    public void The_payment_timeout_cancels_only_once_the_deadline_has_passed()
    {
        var order = AwaitingPayment();

        Assert.Null(order.PaymentTimedOut(Start.AddSeconds(30)));
        Assert.Equal(OrderStatus.AwaitingPayment, order.Status);

        var cancelled = order.PaymentTimedOut(Start.AddSeconds(31));

        Assert.Equal(CancellationReasons.PaymentTimeout, cancelled?.Reason);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancellationReasons.PaymentTimeout, order.Reason);
    }

    [Fact]
    public void The_payment_timeout_does_not_touch_an_order_that_is_not_awaiting_payment()
    {
        var pending = NewOrder();
        var confirmed = AwaitingPayment();
        confirmed.PaymentSucceeded(Start.AddSeconds(2));

        Assert.Null(pending.PaymentTimedOut(Start.AddHours(1)));
        Assert.Null(confirmed.PaymentTimedOut(Start.AddHours(1)));
        Assert.Equal(OrderStatus.Pending, pending.Status);
        Assert.Equal(OrderStatus.Confirmed, confirmed.Status);
    }

    [Fact]
    public void A_payment_that_succeeds_after_the_timeout_cancelled_the_order_changes_nothing()
    {
        var order = AwaitingPayment();
        order.PaymentTimedOut(Start.AddMinutes(1));
        var version = order.Version;

        Assert.Null(order.PaymentSucceeded(Start.AddMinutes(2)));
        Assert.Null(order.PaymentFailed(Start.AddMinutes(2)));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancellationReasons.PaymentTimeout, order.Reason);
        Assert.Equal(version, order.Version);
    }

    [Fact]
    public void Stock_reserved_for_an_order_the_customer_cancelled_while_pending_changes_nothing()
    {
        var order = NewOrder();
        order.CancelByCustomer(Start.AddSeconds(1));
        var version = order.Version;

        Assert.Null(order.StockReserved(Start.AddSeconds(2), PaymentTimeout));
        Assert.Null(order.StockReservationFailed(Start.AddSeconds(2)));

        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(CancellationReasons.CustomerRequest, order.Reason);
        Assert.Equal(version, order.Version);
        Assert.Null(order.PaymentDueAt);
    }

    [Fact]
    public void Events_out_of_turn_change_nothing()
    {
        var pending = NewOrder();
        Assert.Null(pending.PaymentSucceeded(Start));
        Assert.Null(pending.PaymentFailed(Start));
        Assert.Equal(OrderStatus.Pending, pending.Status);

        var awaiting = AwaitingPayment();
        Assert.Null(awaiting.StockReserved(Start.AddSeconds(2), PaymentTimeout));
        Assert.Null(awaiting.StockReservationFailed(Start.AddSeconds(2)));
        Assert.Equal(OrderStatus.AwaitingPayment, awaiting.Status);

        var confirmed = AwaitingPayment();
        confirmed.PaymentSucceeded(Start.AddSeconds(2));
        Assert.Null(confirmed.PaymentSucceeded(Start.AddSeconds(3)));
        Assert.Null(confirmed.PaymentFailed(Start.AddSeconds(3)));
        Assert.Equal(OrderStatus.Confirmed, confirmed.Status);
        Assert.Equal(3, confirmed.History.Count);
    }

    [Fact]
    public void The_customer_may_cancel_while_pending_or_awaiting_payment()
    {
        var pending = NewOrder();
        var awaiting = AwaitingPayment();

        Assert.Equal(CancellationReasons.CustomerRequest, pending.CancelByCustomer(Start.AddSeconds(5)).Reason);
        Assert.Equal(CancellationReasons.CustomerRequest, awaiting.CancelByCustomer(Start.AddSeconds(5)).Reason);
        Assert.Equal(OrderStatus.Cancelled, awaiting.Status);
        Assert.Null(awaiting.PaymentDueAt);
    }

    [Fact]
    public void The_customer_cannot_cancel_a_confirmed_order_or_cancel_twice()
    {
        var confirmed = AwaitingPayment();
        confirmed.PaymentSucceeded(Start.AddSeconds(2));
        var declined = AwaitingPayment();
        declined.PaymentFailed(Start.AddSeconds(2));

        Assert.Throws<OrderRuleException>(() => confirmed.CancelByCustomer(Start.AddSeconds(3)));
        var twice = Assert.Throws<OrderRuleException>(() => declined.CancelByCustomer(Start.AddSeconds(3)));
        Assert.Contains(CancellationReasons.PaymentDeclined, twice.Message, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Confirmed, confirmed.Status);
        Assert.Equal(CancellationReasons.PaymentDeclined, declined.Reason);
    }

    [Fact]
    public void Every_change_is_in_the_history_with_its_reason_and_time()
    {
        var order = AwaitingPayment();
        order.PaymentFailed(Start.AddSeconds(7));

        Assert.Collection(order.History,
            h => Assert.Equal((OrderStatus.Pending, (string?)null, Start.ToUnixTimeMilliseconds()), (h.Status, h.Reason, h.At)),
            h => Assert.Equal((OrderStatus.AwaitingPayment, (string?)null, Start.AddSeconds(1).ToUnixTimeMilliseconds()), (h.Status, h.Reason, h.At)),
            h => Assert.Equal((OrderStatus.Cancelled, (string?)CancellationReasons.PaymentDeclined, Start.AddSeconds(7).ToUnixTimeMilliseconds()), (h.Status, h.Reason, h.At)));
        Assert.Equal(order.History.Select(h => h.Sequence), order.History.Select(h => h.Sequence).Order());
    }
}
