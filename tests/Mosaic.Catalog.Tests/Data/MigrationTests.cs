using Microsoft.Extensions.DependencyInjection;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Catalog.Tests.Support;

namespace Mosaic.Catalog.Tests.Data;

/// <summary>Catalog's migrations on an empty database of the provider this run uses (SQLite, or PostgreSQL with MOSAIC_TEST_DATABASE=postgresql).</summary>
public sealed class MigrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_empty_database_they_build_exactly_the_schema_the_model_maps()
    {
        using var catalog = new CatalogFactory();
        catalog.StartServer();
        await using var scope = catalog.Services.CreateAsyncScope();

        await MigratedSchema.AssertMatchesModelAsync(scope.ServiceProvider.GetRequiredService<CatalogDbContext>(), Cancel);
    }

    [Fact]
    public async Task Products_reservations_known_orders_and_messages_are_read_back_exactly_as_they_were_written()
    {
        using var catalog = new CatalogFactory();
        catalog.StartServer();

        await RoundTrip.AssertReadBackAsWrittenAsync<CatalogDbContext>(catalog.Services, db =>
        {
            var product = Product.Create(Guid.NewGuid(), new string('N', Product.NameMaxLength), "Round-Trip", "Grüße, 世界: " + new string('d', 100), Money.MaxCents, Product.MaxStock);
            var reservation = Reservation.Of(Guid.NewGuid(), product, 3);
            db.AddRange(product, reservation, KnownOrder.Reserved(reservation.OrderId), KnownOrder.CancelledBeforeReserving(Guid.NewGuid()));
            RoundTrip.AddMessagingRows(db);
        }, Cancel);
    }
}
