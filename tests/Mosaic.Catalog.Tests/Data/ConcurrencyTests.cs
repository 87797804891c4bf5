using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Catalog.Tests.Support;

namespace Mosaic.Catalog.Tests.Data;

/// <summary>
/// Two writers that read the same row: the version token lets only the first one save. This is
/// what will keep concurrent reservations from overselling.
/// </summary>
public sealed class ConcurrencyTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private static readonly Guid Turntable = new("ca7a1000-0000-4000-8000-000000000055");
    private static readonly Guid Tent = new("ca7a1000-0000-4000-8000-000000000030");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<(IServiceScope Scope, CatalogDbContext Db, Product Product)> ReadAsync(Guid id)
    {
        factory.StartServer();
        var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return (scope, db, await db.Products.SingleAsync(p => p.Id == id, Cancel));
    }

    [Fact]
    public async Task Two_reservations_of_the_last_units_from_the_same_read_cannot_both_succeed()
    {
        var (scopeA, dbA, a) = await ReadAsync(Turntable);
        var (scopeB, dbB, b) = await ReadAsync(Turntable);
        using (scopeA)
        using (scopeB)
        {
            Assert.Equal(7, a.Available);
            a.Reserve(7);
            b.Reserve(7);

            await dbA.SaveChangesAsync(Cancel);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync(Cancel));
        }

        var (scope, _, stored) = await ReadAsync(Turntable);
        using (scope)
        {
            Assert.Equal(7, stored.Reserved);
            Assert.Equal(0, stored.Available);
        }
    }

    [Fact]
    public async Task A_stale_update_fails_and_a_fresh_read_can_retry()
    {
        var (scopeA, dbA, a) = await ReadAsync(Tent);
        var (scopeB, dbB, b) = await ReadAsync(Tent);
        using (scopeA)
        using (scopeB)
        {
            a.Reserve(2);
            await dbA.SaveChangesAsync(Cancel);

            b.Update(b.Name, b.Category, b.Description, b.PriceCents, stock: 1);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync(Cancel));
        }

        // Read again, the stock change now sees the reservation and is refused by the rule itself.
        var (scope, db, fresh) = await ReadAsync(Tent);
        using (scope)
        {
            Assert.Equal(2, fresh.Reserved);
            Assert.Throws<CatalogRuleException>(() => fresh.Update(fresh.Name, fresh.Category, fresh.Description, fresh.PriceCents, stock: 1));
            fresh.Update(fresh.Name, fresh.Category, fresh.Description, fresh.PriceCents, stock: 3);
            await db.SaveChangesAsync(Cancel);
            Assert.Equal(1, fresh.Available);
        }
    }
}
