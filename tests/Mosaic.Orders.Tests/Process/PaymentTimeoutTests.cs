using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Orders.Data;
using Mosaic.Orders.Process;
using Mosaic.Orders.Tests.Support;
using Mosaic.Payments.Contracts.Events;
using static Mosaic.Orders.Tests.Support.FakeCatalog;

namespace Mosaic.Orders.Tests.Process;

/// <summary>Orders whose payment never answers are cancelled; and a timeout and a payment cannot both win.</summary>
public sealed class PaymentTimeoutTests(OrdersFactory factory) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(Shopper Shopper, Guid Id)> AwaitingPaymentAsync(TestBus bus)
    {
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");
        await shopper.WaitForStatusAsync(id, OrderStatuses.AwaitingPayment);
        return (shopper, id);
    }

    /// <summary>A sweep as it would run once the clock has moved on by <paramref name="later"/>.</summary>
    private async Task<int> SweepAtAsync(TimeSpan later)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var clock = new ShiftedClock(later);
        var deadlines = ActivatorUtilities.CreateInstance<PaymentDeadlines>(scope.ServiceProvider, clock);
        return await deadlines.CancelOverdueAsync(Cancel);
    }

    [Fact]
    public async Task A_sweep_before_the_deadline_leaves_the_order_and_one_after_cancels_it()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var (shopper, id) = await AwaitingPaymentAsync(bus);

        await SweepAtAsync(TimeSpan.FromSeconds(50));
        Assert.Equal(OrderStatuses.AwaitingPayment, (await shopper.OrderAsync(id)).Status);

        Assert.True(await SweepAtAsync(TimeSpan.FromSeconds(61)) >= 1);

        var order = await shopper.OrderAsync(id);
        Assert.Equal((OrderStatuses.Cancelled, CancellationReasons.PaymentTimeout), (order.Status, order.Reason));
        await bus.WaitForAsync<OrderCancelled>(TestBus.PaymentsQueue, OrderEvents.OrderCancelled, e => e.OrderId == id && e.Reason == CancellationReasons.PaymentTimeout);
    }

    [Fact]
    public async Task A_payment_arriving_after_the_timeout_is_ignored()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var (shopper, id) = await AwaitingPaymentAsync(bus);
        await SweepAtAsync(TimeSpan.FromMinutes(2));

        var message = await bus.PublishAsync(PaymentEvents.PaymentSucceeded, new PaymentSucceeded(id, Guid.NewGuid(), "ch_late", 3995), "payments");
        await factory.WaitUntilHandledAsync(message);
        await factory.WaitUntilOutboxShippedAsync();
        await bus.DrainedAsync();

        var order = await shopper.OrderAsync(id);
        Assert.Equal((OrderStatuses.Cancelled, CancellationReasons.PaymentTimeout), (order.Status, order.Reason));
        Assert.DoesNotContain(bus.Received<OrderConfirmed>(TestBus.CatalogQueue, OrderEvents.OrderConfirmed), e => e.OrderId == id);
    }

    [Fact]
    public async Task A_timeout_and_a_payment_working_from_the_same_read_cannot_both_move_the_order()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var (shopper, id) = await AwaitingPaymentAsync(bus);
        await using var sweeperScope = factory.Services.CreateAsyncScope();
        await using var handlerScope = factory.Services.CreateAsyncScope();
        var sweeperDb = sweeperScope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var handlerDb = handlerScope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var asSweeperSees = await sweeperDb.Orders.Include(o => o.Items).SingleAsync(o => o.Id == id, Cancel);
        var asHandlerSees = await handlerDb.Orders.Include(o => o.Items).SingleAsync(o => o.Id == id, Cancel);

        Assert.NotNull(asSweeperSees.PaymentTimedOut(DateTimeOffset.UtcNow.AddMinutes(1)));
        await sweeperDb.SaveChangesAsync(Cancel);
        Assert.NotNull(asHandlerSees.PaymentSucceeded(DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => handlerDb.SaveChangesAsync(Cancel));
        Assert.Equal(CancellationReasons.PaymentTimeout, (await shopper.OrderAsync(id)).Reason);
    }

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
    }
}

/// <summary>The real sweeper, with a one-second payment deadline.</summary>
public sealed class PaymentTimeoutSweeperTests(ShortPaymentTimeoutFactory factory) : IClassFixture<ShortPaymentTimeoutFactory>
{
    [Fact]
    public async Task An_order_whose_payment_never_answers_is_cancelled_by_the_sweeper()
    {
        await using var bus = await TestBus.StartAsync(factory.BusFile);
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        await bus.PublishAsync(CatalogEvents.StockReserved, new StockReserved(id), "catalog");

        var order = await shopper.WaitForStatusAsync(id, OrderStatuses.Cancelled);

        Assert.Equal(CancellationReasons.PaymentTimeout, order.Reason);
        Assert.Equal([OrderStatuses.Pending, OrderStatuses.AwaitingPayment, OrderStatuses.Cancelled], order.History.Select(h => h.Status));
        await bus.WaitForAsync<OrderCancelled>(TestBus.CatalogQueue, OrderEvents.OrderCancelled, e => e.OrderId == id);
    }
}
