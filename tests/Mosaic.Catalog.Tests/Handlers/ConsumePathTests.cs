using Mosaic.Catalog.Contracts.Events;
using Mosaic.Catalog.Domain;
using Mosaic.Catalog.Tests.Support;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Messaging;

namespace Mosaic.Catalog.Tests.Handlers;

/// <summary>
/// Order events put on the embedded bus as orders would publish them, consumed by running catalog
/// instances (two on one database and one bus, as <c>mosaic up</c> runs them), and their effects
/// and answers observed from outside.
/// </summary>
public sealed class ConsumePathTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static OrderLine Line(Guid productId, int quantity) => new(productId, quantity, 1000);

    [Fact]
    public async Task A_placed_order_is_reserved_answered_in_its_flow_and_committed_when_confirmed()
    {
        await using var catalog = new CatalogFactory();
        catalog.StartServer();
        await using var bus = await BusObserver.StartAsync(catalog.StateDirectory, Cancel);
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var order = Guid.NewGuid();

        var placed = BusObserver.Envelope(OrderEvents.OrderPlaced, new OrderPlaced(order, Guid.NewGuid(), [Line(pot, 2)], 2000), correlationId: $"order-{order:N}");
        await bus.PublishAsync([placed], Cancel);
        var answer = await bus.NextAsync(Cancel);

        Assert.Equal(CatalogEvents.StockReserved, answer.TypeName.RoutingKey);
        Assert.Equal(new StockReserved(order), BusObserver.Data<StockReserved>(answer));
        Assert.Equal(placed.CorrelationId, answer.CorrelationId);
        Assert.Equal(placed.Id, answer.CausationId);
        Assert.Equal(3, (await catalog.ProductAsync(pot, Cancel)).Available);

        var confirmed = await bus.PublishAsync(OrderEvents.OrderConfirmed, new OrderConfirmed(order, [Line(pot, 2)]), Cancel);
        await catalog.WaitHandledAsync(confirmed.Id, Cancel);

        var product = await catalog.ProductAsync(pot, Cancel);
        Assert.Equal((3, 0), (product.Stock, product.Reserved));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_reserves_once()
    {
        await using var catalog = new CatalogFactory();
        catalog.StartServer();
        await using var bus = await BusObserver.StartAsync(catalog.StateDirectory, Cancel);
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var placed = BusObserver.Envelope(OrderEvents.OrderPlaced, new OrderPlaced(Guid.NewGuid(), Guid.NewGuid(), [Line(pot, 2)], 2000));
        var marker = BusObserver.Envelope(OrderEvents.OrderPlaced, new OrderPlaced(Guid.NewGuid(), Guid.NewGuid(), [Line(Guid.NewGuid(), 1)], 1000));

        await bus.PublishAsync([placed, placed, marker], Cancel);
        await catalog.WaitHandledAsync(placed.Id, Cancel);
        await catalog.WaitHandledAsync(marker.Id, Cancel);
        var answers = await bus.NextAsync(2, Cancel);

        Assert.Equal(2, (await catalog.ProductAsync(pot, Cancel)).Reserved);
        Assert.Equal([CatalogEvents.StockReservationFailed, CatalogEvents.StockReserved], answers.Select(a => a.TypeName.RoutingKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Thirty_orders_for_ten_units_handled_at_once_by_two_instances_reserve_exactly_ten()
    {
        using var first = new CatalogFactory();
        using var second = CatalogFactory.SharingWith(first);
        await Task.WhenAll(Task.Run(first.StartServer, Cancel), Task.Run(second.StartServer, Cancel));
        await using var bus = await BusObserver.StartAsync(first.StateDirectory, Cancel);
        var tent = await first.AddProductAsync(stock: 10, Cancel);
        var orders = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();

        await bus.PublishAsync(orders.Select(o => BusObserver.Envelope(OrderEvents.OrderPlaced, new OrderPlaced(o, Guid.NewGuid(), [Line(tent, 1)], 1000))), Cancel);
        var answers = await bus.NextAsync(30, Cancel);

        var reserved = answers.Where(a => a.TypeName.RoutingKey == CatalogEvents.StockReserved).Select(a => BusObserver.Data<StockReserved>(a).OrderId).ToHashSet();
        var failed = answers.Where(a => a.TypeName.RoutingKey == CatalogEvents.StockReservationFailed).Select(BusObserver.Data<StockReservationFailed>).ToList();
        Assert.Equal(10, reserved.Count);
        Assert.Equal(20, failed.Count);
        Assert.All(failed, f => Assert.Equal(new StockReservationFailed(f.OrderId, tent, "out-of-stock"), f));
        Assert.Equal(orders.ToHashSet(), reserved.Concat(failed.Select(f => f.OrderId)).ToHashSet());
        var product = await second.ProductAsync(tent, Cancel);
        Assert.Equal((10, 10, 0), (product.Stock, product.Reserved, product.Available));
        Assert.Equal(reserved, (await first.ReservationsOfProductAsync(tent, Cancel)).Select(r => r.OrderId).ToHashSet());

        // Selling all ten at once, on both instances, takes the stock to zero and no further.
        var confirmations = reserved.Select(o => BusObserver.Envelope(OrderEvents.OrderConfirmed, new OrderConfirmed(o, [Line(tent, 1)]))).ToList();
        await bus.PublishAsync(confirmations, Cancel);
        foreach (var confirmation in confirmations) await first.WaitHandledAsync(confirmation.Id, Cancel);

        product = await first.ProductAsync(tent, Cancel);
        Assert.Equal((0, 0), (product.Stock, product.Reserved));
        Assert.All(await first.ReservationsOfProductAsync(tent, Cancel), r => Assert.Equal(ReservationStatus.Committed, r.Status));
    }

    [Fact]
    public async Task Placements_and_cancellations_racing_on_two_instances_leave_nothing_reserved()
    {
        using var first = new CatalogFactory();
        using var second = CatalogFactory.SharingWith(first);
        await Task.WhenAll(Task.Run(first.StartServer, Cancel), Task.Run(second.StartServer, Cancel));
        await using var bus = await BusObserver.StartAsync(first.StateDirectory, Cancel);
        var pot = await first.AddProductAsync(stock: 100, Cancel);
        var orders = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();

        // Each order's cancellation goes out right behind (or, for every other order, right before) its placement.
        var envelopes = orders.SelectMany((order, i) =>
        {
            var placed = BusObserver.Envelope(OrderEvents.OrderPlaced, new OrderPlaced(order, Guid.NewGuid(), [Line(pot, 2)], 2000));
            var cancelled = BusObserver.Envelope(OrderEvents.OrderCancelled, new OrderCancelled(order, CancellationReasons.CustomerRequest, [Line(pot, 2)]));
            return i % 2 == 0 ? new[] { placed, cancelled } : [cancelled, placed];
        }).ToList();
        await bus.PublishAsync(envelopes, Cancel);
        foreach (var envelope in envelopes) await first.WaitHandledAsync(envelope.Id, Cancel);

        var product = await first.ProductAsync(pot, Cancel);
        Assert.Equal((100, 0), (product.Stock, product.Reserved));
        Assert.DoesNotContain(await first.ReservationsOfProductAsync(pot, Cancel), r => r.Status == ReservationStatus.Reserved);
    }
}
