using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Orders.Tests.Support;
using Mosaic.Payments.Contracts.Events;
using static Mosaic.Orders.Tests.Support.FakeCatalog;

namespace Mosaic.Orders.Tests.Process;

/// <summary>
/// The order process driven the way it runs: catalog's and payments' events published on the embedded
/// bus, handled by orders' real consumer (with its inbox), and orders' answers read off the bus.
/// </summary>
public sealed class ConsumingTests(OrdersFactory factory) : IClassFixture<OrdersFactory>
{
    [Fact]
    public async Task Reserved_then_paid_confirms_the_order_asking_payments_and_telling_catalog_on_the_way()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var body = Shopper.Body("tok_ok", (Kettle.Id, 2), (Grinder.Id, 1));
        var id = (await (await shopper.PlaceAsync(body)).ReadJson<OrderAccepted>(System.Net.HttpStatusCode.Accepted)).Id;
        var placed = await bus.WaitForAsync<OrderPlaced>(TestBus.CatalogQueue, OrderEvents.OrderPlaced, e => e.OrderId == id);

        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");

        var requested = await bus.WaitForAsync<PaymentRequested>(TestBus.PaymentsQueue, OrderEvents.PaymentRequested, e => e.OrderId == id);
        Assert.Equal(new PaymentRequested(id, shopper.Id, placed.TotalCents, "tok_ok"), requested);
        await shopper.WaitForStatusAsync(id, OrderStatuses.AwaitingPayment);

        await bus.PublishAsync(PaymentEvents.PaymentSucceeded, new PaymentSucceeded(id, Guid.NewGuid(), "ch_42", placed.TotalCents), "payments");

        var confirmed = await bus.WaitForAsync<OrderConfirmed>(TestBus.CatalogQueue, OrderEvents.OrderConfirmed, e => e.OrderId == id);
        Assert.Equal(placed.Lines.OrderBy(l => l.ProductId), confirmed.Lines.OrderBy(l => l.ProductId));
        var order = await shopper.WaitForStatusAsync(id, OrderStatuses.Confirmed);
        Assert.Null(order.Reason);
        Assert.Equal([OrderStatuses.Pending, OrderStatuses.AwaitingPayment, OrderStatuses.Confirmed], order.History.Select(h => h.Status));
        Assert.Empty(await bus.OrdersDeadLettersAsync());
    }

    [Fact]
    public async Task A_failed_reservation_cancels_the_order_as_out_of_stock()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Beans.Id, 5));

        await bus.PublishAsync(CatalogEvents.StockReservationFailed, new StockReservationFailed(id, Beans.Id, "insufficient-stock"), "catalog");

        var order = await shopper.WaitForStatusAsync(id, OrderStatuses.Cancelled);
        Assert.Equal(CancellationReasons.OutOfStock, order.Reason);
        var cancelled = await bus.WaitForAsync<OrderCancelled>(TestBus.PaymentsQueue, OrderEvents.OrderCancelled, e => e.OrderId == id);
        Assert.Equal(CancellationReasons.OutOfStock, cancelled.Reason);
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");
        await shopper.WaitForStatusAsync(id, OrderStatuses.AwaitingPayment);

        await bus.PublishAsync(PaymentEvents.PaymentFailed, new PaymentFailed(id, "card_declined"), "payments");

        var order = await shopper.WaitForStatusAsync(id, OrderStatuses.Cancelled);
        Assert.Equal(CancellationReasons.PaymentDeclined, order.Reason);
        await bus.WaitForAsync<OrderCancelled>(TestBus.CatalogQueue, OrderEvents.OrderCancelled, e => e.OrderId == id && e.Reason == CancellationReasons.PaymentDeclined);
    }

    [Fact]
    public async Task Stock_reserved_after_the_customer_cancelled_changes_nothing_and_requests_no_payment()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await (await shopper.CancelAsync(id)).ReadJson<OrderResponse>();

        var message = await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");
        await factory.WaitUntilHandledAsync(message);
        await factory.WaitUntilOutboxShippedAsync();
        await bus.DrainedAsync();

        var order = await shopper.OrderAsync(id);
        Assert.Equal((OrderStatuses.Cancelled, CancellationReasons.CustomerRequest), (order.Status, order.Reason));
        Assert.Equal(2, order.History.Count);
        Assert.DoesNotContain(bus.Received<PaymentRequested>(TestBus.PaymentsQueue, OrderEvents.PaymentRequested), e => e.OrderId == id);
    }

    [Fact]
    public async Task A_payment_redelivered_under_the_same_message_id_confirms_once()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");
        await shopper.WaitForStatusAsync(id, OrderStatuses.AwaitingPayment);
        var paid = new PaymentSucceeded(id, Guid.NewGuid(), "ch_7", 3995);

        var message = await bus.PublishAsync(PaymentEvents.PaymentSucceeded, paid, "payments");
        await bus.PublishAsync(PaymentEvents.PaymentSucceeded, paid, "payments", messageId: message);
        await shopper.WaitForStatusAsync(id, OrderStatuses.Confirmed);
        await factory.WaitUntilOutboxShippedAsync();
        await bus.DrainedAsync();

        Assert.Single(bus.Received<OrderConfirmed>(TestBus.CatalogQueue, OrderEvents.OrderConfirmed), e => e.OrderId == id);
        Assert.Equal(3, (await shopper.OrderAsync(id)).History.Count);
    }

    [Fact]
    public async Task An_event_for_an_unknown_order_is_handled_as_nothing_to_do()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);

        var message = await bus.PublishAsync(PaymentEvents.PaymentSucceeded, new PaymentSucceeded(Guid.NewGuid(), Guid.NewGuid(), "ch_x", 100), "payments");

        await factory.WaitUntilHandledAsync(message);
        Assert.Empty(await bus.OrdersDeadLettersAsync());
    }
}
