using System.Net;
using System.Net.Http.Json;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Tests.Support;
using Mosaic.Orders.Contracts.Events;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Catalog.Tests.Api;

/// <summary>The stock audit that load and chaos runs read: who may read it, and that its units add up.</summary>
public sealed class StockLevelsTests : IAsyncLifetime
{
    private readonly CatalogFactory catalog = new();
    private HttpClient client = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        catalog.StartServer();
        client = catalog.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await catalog.DisposeAsync();

    private static HttpRequestMessage Get(string uri, string? token = null) => new HttpRequestMessage(HttpMethod.Get, uri).WithBearer(token);

    private static OrderLine Line(Guid productId, int quantity) => new(productId, quantity, 1000);

    [Fact]
    public async Task Reading_stock_levels_needs_an_admin()
    {
        var product = await catalog.AddProductAsync(stock: 5, Cancel);

        await (await client.SendAsync(Get($"/admin/stock/{product}"), Cancel)).AssertProblem(HttpStatusCode.Unauthorized);
        await (await client.SendAsync(Get($"/admin/stock/{product}", catalog.Tokens.Customer()), Cancel)).AssertProblem(HttpStatusCode.Forbidden);
        await (await client.SendAsync(Get($"/admin/stock/{Guid.NewGuid()}", catalog.Tokens.Admin()), Cancel)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Units_reserved_sold_and_released_add_up_to_what_the_product_started_with()
    {
        var product = await catalog.AddProductAsync(stock: 20, Cancel);
        Guid sold = Guid.NewGuid(), released = Guid.NewGuid(), open = Guid.NewGuid();
        await catalog.HandleAsync(OrderEvents.OrderPlaced, new OrderPlaced(sold, Guid.NewGuid(), [Line(product, 3)], 0), Cancel);
        await catalog.HandleAsync(OrderEvents.OrderPlaced, new OrderPlaced(released, Guid.NewGuid(), [Line(product, 4)], 0), Cancel);
        await catalog.HandleAsync(OrderEvents.OrderPlaced, new OrderPlaced(open, Guid.NewGuid(), [Line(product, 5)], 0), Cancel);
        await catalog.HandleAsync(OrderEvents.OrderConfirmed, new OrderConfirmed(sold, [Line(product, 3)]), Cancel);
        await catalog.HandleAsync(OrderEvents.OrderCancelled, new OrderCancelled(released, CancellationReasons.CustomerRequest, [Line(product, 4)]), Cancel);

        var response = await client.SendAsync(Get($"/admin/stock/{product}", catalog.Tokens.Admin()), Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var levels = (await response.Content.ReadFromJsonAsync<StockLevels>(Cancel))!;
        Assert.Equal(new StockLevels(product, OnHand: 17, Available: 12, Reserved: 5, Sold: 3, OpenReservations: 1), levels);
        Assert.Equal(20, levels.Available + levels.Reserved + levels.Sold);
    }
}
