using System.Text.Json;
using System.Net;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Orders.Tests.Support;
using Mosaic.Payments.Contracts.Events;
using static Mosaic.Orders.Tests.Support.FakeCatalog;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Orders.Tests.Api;

/// <summary>POST /orders/{id}/cancel: allowed until the order is paid, and announced so catalog and payments undo their side.</summary>
public sealed class CancellingTests(OrdersFactory factory) : IClassFixture<OrdersFactory>
{
    [Fact]
    public async Task A_pending_order_is_cancelled_at_the_customers_request_and_announced()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 2));

        var order = await (await shopper.CancelAsync(id)).ReadJson<OrderResponse>();

        Assert.Equal((OrderStatuses.Cancelled, CancellationReasons.CustomerRequest), (order.Status, order.Reason));
        Assert.Equal([OrderStatuses.Pending, OrderStatuses.Cancelled], order.History.Select(h => h.Status));
        Assert.Equal(JsonSerializer.Serialize(order), JsonSerializer.Serialize(await shopper.OrderAsync(id)));
        var cancelled = await bus.WaitForAsync<OrderCancelled>(TestBus.CatalogQueue, OrderEvents.OrderCancelled, e => e.OrderId == id);
        Assert.Equal(CancellationReasons.CustomerRequest, cancelled.Reason);
        Assert.Equal(new OrderLine(Kettle.Id, 2, 3995), Assert.Single(cancelled.Lines));
    }

    [Fact]
    public async Task An_order_awaiting_payment_can_still_be_cancelled()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");
        await shopper.WaitForStatusAsync(id, OrderStatuses.AwaitingPayment);

        var order = await (await shopper.CancelAsync(id)).ReadJson<OrderResponse>();

        Assert.Equal((OrderStatuses.Cancelled, CancellationReasons.CustomerRequest), (order.Status, order.Reason));
        await bus.WaitForAsync<OrderCancelled>(TestBus.PaymentsQueue, OrderEvents.OrderCancelled, e => e.OrderId == id);
    }

    [Fact]
    public async Task A_confirmed_order_cannot_be_cancelled()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");
        await shopper.WaitForStatusAsync(id, OrderStatuses.AwaitingPayment);
        await bus.PublishAsync(PaymentEvents.PaymentSucceeded, new PaymentSucceeded(id, Guid.NewGuid(), "ch_1", 3995), "payments");
        await shopper.WaitForStatusAsync(id, OrderStatuses.Confirmed);

        var problem = await (await shopper.CancelAsync(id)).AssertProblem(HttpStatusCode.Conflict);

        Assert.Contains("confirmed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(OrderStatuses.Confirmed, (await shopper.OrderAsync(id)).Status);
    }

    [Fact]
    public async Task Cancelling_twice_is_a_409_that_says_it_is_already_cancelled_and_why()
    {
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await (await shopper.CancelAsync(id)).ReadJson<OrderResponse>();

        var problem = await (await shopper.CancelAsync(id)).AssertProblem(HttpStatusCode.Conflict);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains("already cancelled", detail, StringComparison.Ordinal);
        Assert.Contains(CancellationReasons.CustomerRequest, detail, StringComparison.Ordinal);
        Assert.Equal(2, (await shopper.OrderAsync(id)).History.Count);
    }

    [Fact]
    public async Task Only_the_owner_can_cancel_anyone_else_gets_404()
    {
        var owner = factory.NewShopper();
        var stranger = factory.NewShopper();
        var id = await owner.PlaceAcceptedAsync((Kettle.Id, 1));

        await (await stranger.CancelAsync(id)).AssertProblem(HttpStatusCode.NotFound);
        await (await owner.CancelAsync(Guid.NewGuid())).AssertProblem(HttpStatusCode.NotFound);

        Assert.Equal(OrderStatuses.Pending, (await owner.OrderAsync(id)).Status);
    }
}
