using System.Net;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Tests.Support;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Catalog.Tests.Data;

/// <summary><c>mosaic up</c> runs two catalog instances on one database (one SQLite file by default); they must start together and agree.</summary>
public sealed class SharedDatabaseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_starting_together_on_one_database_seed_it_once_and_see_each_others_writes()
    {
        using var first = new CatalogFactory();
        using var second = CatalogFactory.SharingWith(first);

        var clients = await Task.WhenAll(Task.Run(first.CreateClient, Cancel), Task.Run(second.CreateClient, Cancel));

        if (!TestDatabase.IsPostgreSql) Assert.True(File.Exists(first.DatabaseFile), $"Expected the database at {first.DatabaseFile}");
        foreach (var client in clients)
        {
            var page = await (await client.GetAsync("/products", Cancel)).ReadJson<ProductPage>();
            Assert.Equal(50, page.Total);
        }

        var created = await (await clients[0].SendAsync(
                Json(HttpMethod.Post, "/products", new { name = "Moka Pot Gasket", category = "coffee", price = 4.5m, stock = 30 }, first.Tokens.Admin()), Cancel))
            .ReadJson<ProductResponse>(HttpStatusCode.Created);
        var seenByOther = await (await clients[1].GetAsync($"/products/{created.Id}", Cancel)).ReadJson<ProductResponse>();
        Assert.Equal(created, seenByOther);
    }
}
