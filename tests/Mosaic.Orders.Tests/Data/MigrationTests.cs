using Microsoft.Extensions.DependencyInjection;
using Mosaic.Orders.Data;
using Mosaic.Orders.Domain;
using Mosaic.Orders.Idempotency;
using Mosaic.Orders.Tests.Support;

namespace Mosaic.Orders.Tests.Data;

/// <summary>Orders' migrations on an empty database of the provider this run uses (SQLite, or PostgreSQL with MOSAIC_TEST_DATABASE=postgresql).</summary>
public sealed class MigrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_empty_database_they_build_exactly_the_schema_the_model_maps()
    {
        await using var orders = new OutboxHeldFactory();
        orders.StartServer();
        await using var scope = orders.Services.CreateAsyncScope();

        await MigratedSchema.AssertMatchesModelAsync(scope.ServiceProvider.GetRequiredService<OrdersDbContext>(), Cancel);
    }

    [Fact]
    public async Task An_order_with_its_lines_and_history_an_idempotency_key_and_messages_are_read_back_exactly_as_they_were_written()
    {
        await using var orders = new OutboxHeldFactory();
        orders.StartServer();
        var now = DateTimeOffset.UtcNow;

        await RoundTrip.AssertReadBackAsWrittenAsync<OrdersDbContext>(orders.Services, db =>
        {
            var (order, _) = Order.Place(Guid.CreateVersion7(), Guid.NewGuid(),
                [new OrderItem(Guid.NewGuid(), 2, 1999), new OrderItem(Guid.NewGuid(), 1, long.MaxValue / 4)], "tok_round_trip", now);
            order.StockReserved(now.AddSeconds(1), TimeSpan.FromMinutes(15));
            order.PaymentFailed(now.AddSeconds(2));
            db.Orders.Add(order);
            db.IdempotencyRecords.Add(new IdempotencyRecord(order.CustomerId, "Key/With Spaces & Ümlauts", new string('f', 64), order.Id, now.ToUnixTimeMilliseconds()));
            RoundTrip.AddMessagingRows(db);
        }, Cancel);
    }
}
