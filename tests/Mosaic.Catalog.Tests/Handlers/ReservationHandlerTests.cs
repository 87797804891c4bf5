using Mosaic.Catalog.Contracts.Events;
using Mosaic.Catalog.Domain;
using Mosaic.Catalog.Tests.Support;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Messaging;

namespace Mosaic.Catalog.Tests.Handlers;

/// <summary>
/// The catalog's handlers for the order events, each run in a scope saved once afterwards as the
/// platform does, on a catalog of its own; what they publish is read off the real bus.
/// </summary>
public sealed class ReservationHandlerTests : IAsyncLifetime
{
    private readonly CatalogFactory catalog = new();
    private BusObserver bus = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        catalog.StartServer();
        bus = await BusObserver.StartAsync(catalog.StateDirectory, Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        await bus.DisposeAsync();
        await catalog.DisposeAsync();
    }

    private static OrderLine Line(Guid productId, int quantity) => new(productId, quantity, 1000);

    private Task PlaceAsync(Guid orderId, params OrderLine[] lines) =>
        catalog.HandleAsync(OrderEvents.OrderPlaced, new OrderPlaced(orderId, Guid.NewGuid(), lines, 0), Cancel);

    private Task CancelAsync(Guid orderId, params OrderLine[] lines) =>
        catalog.HandleAsync(OrderEvents.OrderCancelled, new OrderCancelled(orderId, CancellationReasons.CustomerRequest, lines), Cancel);

    private Task ConfirmAsync(Guid orderId, params OrderLine[] lines) =>
        catalog.HandleAsync(OrderEvents.OrderConfirmed, new OrderConfirmed(orderId, lines), Cancel);

    /// <summary>The next event on the bus, once its outbox row is gone too (so it cannot count as published again).</summary>
    private async Task<EventEnvelope> NextShippedAsync()
    {
        var envelope = await bus.NextAsync(Cancel);
        await catalog.WaitShippedAsync(envelope.Id, Cancel);
        return envelope;
    }

    private async Task<StockReservationFailed> NextFailureAsync()
    {
        var envelope = await NextShippedAsync();
        Assert.Equal(CatalogEvents.StockReservationFailed, envelope.TypeName.RoutingKey);
        Assert.Equal("catalog", envelope.Source);
        return BusObserver.Data<StockReservationFailed>(envelope);
    }

    private async Task<StockReserved> NextReservedAsync()
    {
        var envelope = await NextShippedAsync();
        Assert.Equal(CatalogEvents.StockReserved, envelope.TypeName.RoutingKey);
        return BusObserver.Data<StockReserved>(envelope);
    }

    /// <summary>The outbox first, then the bus: an event moving from one to the other is seen in one of them.</summary>
    private async Task AssertNothingPublishedAsync()
    {
        Assert.Equal(0, await catalog.OutboxCountAsync(Cancel));
        Assert.False(await bus.AnyArrivedAsync(Cancel), "catalog published an event");
    }

    [Fact]
    public async Task Placing_an_order_reserves_every_line_and_says_so()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var mug = await catalog.AddProductAsync(stock: 3, Cancel);
        var order = Guid.NewGuid();

        await PlaceAsync(order, Line(pot, 2), Line(mug, 3));

        Assert.Equal(new StockReserved(order), await NextReservedAsync());
        Assert.Equal(3, (await catalog.ProductAsync(pot, Cancel)).Available);
        Assert.Equal(0, (await catalog.ProductAsync(mug, Cancel)).Available);
        var reservations = await catalog.ReservationsAsync(order, Cancel);
        Assert.Equal(2, reservations.Count);
        Assert.All(reservations, r => Assert.Equal(ReservationStatus.Reserved, r.Status));
        Assert.Equal(5, reservations.Sum(r => r.Quantity));
    }

    [Fact]
    public async Task One_line_short_of_stock_reserves_nothing_and_names_that_product()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var mug = await catalog.AddProductAsync(stock: 1, Cancel);
        var order = Guid.NewGuid();

        await PlaceAsync(order, Line(pot, 2), Line(mug, 2));

        Assert.Equal(new StockReservationFailed(order, mug, "out-of-stock"), await NextFailureAsync());
        Assert.Equal(0, (await catalog.ProductAsync(pot, Cancel)).Reserved);
        Assert.Equal(0, (await catalog.ProductAsync(mug, Cancel)).Reserved);
        Assert.Empty(await catalog.ReservationsAsync(order, Cancel));
    }

    [Fact]
    public async Task A_line_for_a_product_the_catalog_does_not_have_reserves_nothing_and_names_it()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var missing = Guid.NewGuid();
        var order = Guid.NewGuid();

        await PlaceAsync(order, Line(pot, 1), Line(missing, 1));

        Assert.Equal(new StockReservationFailed(order, missing, "unknown-product"), await NextFailureAsync());
        Assert.Equal(0, (await catalog.ProductAsync(pot, Cancel)).Reserved);
        Assert.Empty(await catalog.ReservationsAsync(order, Cancel));
    }

    [Fact]
    public async Task A_product_on_two_lines_is_reserved_for_both_together()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var tooMuch = Guid.NewGuid();
        var justEnough = Guid.NewGuid();

        await PlaceAsync(tooMuch, Line(pot, 3), Line(pot, 3));
        await PlaceAsync(justEnough, Line(pot, 2), Line(pot, 3));

        // Two events from two saves: the bus promises no order between them.
        var answers = await bus.NextAsync(2, Cancel);
        Assert.Equal(new StockReservationFailed(tooMuch, pot, "out-of-stock"),
            BusObserver.Data<StockReservationFailed>(Assert.Single(answers, a => a.TypeName.RoutingKey == CatalogEvents.StockReservationFailed)));
        Assert.Equal(new StockReserved(justEnough),
            BusObserver.Data<StockReserved>(Assert.Single(answers, a => a.TypeName.RoutingKey == CatalogEvents.StockReserved)));
        Assert.Equal(0, (await catalog.ProductAsync(pot, Cancel)).Available);
        Assert.Equal(5, Assert.Single(await catalog.ReservationsAsync(justEnough, Cancel)).Quantity);
    }

    [Fact]
    public async Task The_same_order_placed_again_is_not_reserved_twice()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var order = Guid.NewGuid();

        await PlaceAsync(order, Line(pot, 2));
        await NextReservedAsync();
        await PlaceAsync(order, Line(pot, 2));

        Assert.Equal(2, (await catalog.ProductAsync(pot, Cancel)).Reserved);
        await AssertNothingPublishedAsync();
    }

    [Fact]
    public async Task Cancelling_a_reserved_order_gives_its_stock_back_once()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var mug = await catalog.AddProductAsync(stock: 5, Cancel);
        var order = Guid.NewGuid();
        await PlaceAsync(order, Line(pot, 2), Line(mug, 5));
        await NextReservedAsync();

        await CancelAsync(order, Line(pot, 2), Line(mug, 5));
        var afterCancel = await catalog.ProductAsync(pot, Cancel);
        await CancelAsync(order, Line(pot, 2), Line(mug, 5));

        Assert.Equal(5, afterCancel.Available);
        Assert.Equal(5, (await catalog.ProductAsync(mug, Cancel)).Available);
        Assert.Equal(afterCancel.Version, (await catalog.ProductAsync(pot, Cancel)).Version);
        Assert.All(await catalog.ReservationsAsync(order, Cancel), r => Assert.Equal(ReservationStatus.Released, r.Status));
    }

    [Fact]
    public async Task An_order_cancelled_before_it_was_placed_here_reserves_nothing_when_its_placement_arrives_late()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var order = Guid.NewGuid();

        await CancelAsync(order, Line(pot, 2));
        await PlaceAsync(order, Line(pot, 2));

        Assert.Equal(0, (await catalog.ProductAsync(pot, Cancel)).Reserved);
        Assert.Empty(await catalog.ReservationsAsync(order, Cancel));
        await AssertNothingPublishedAsync();
    }

    [Fact]
    public async Task Confirming_sells_the_reserved_units_and_a_late_cancel_cannot_bring_them_back()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var order = Guid.NewGuid();
        await PlaceAsync(order, Line(pot, 2));
        await NextReservedAsync();

        await ConfirmAsync(order, Line(pot, 2));
        await CancelAsync(order, Line(pot, 2));
        await ConfirmAsync(order, Line(pot, 2));

        var product = await catalog.ProductAsync(pot, Cancel);
        Assert.Equal(3, product.Stock);
        Assert.Equal(0, product.Reserved);
        Assert.Equal(ReservationStatus.Committed, Assert.Single(await catalog.ReservationsAsync(order, Cancel)).Status);
    }

    [Fact]
    public async Task Confirming_an_order_that_was_never_reserved_changes_nothing()
    {
        var pot = await catalog.AddProductAsync(stock: 5, Cancel);
        var before = await catalog.ProductAsync(pot, Cancel);

        await ConfirmAsync(Guid.NewGuid(), Line(pot, 2));

        var after = await catalog.ProductAsync(pot, Cancel);
        Assert.Equal((before.Stock, before.Reserved, before.Version), (after.Stock, after.Reserved, after.Version));
    }
}
