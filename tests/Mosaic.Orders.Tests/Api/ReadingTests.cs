using System.Net;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Tests.Support;
using static Mosaic.Orders.Tests.Support.FakeCatalog;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Orders.Tests.Api;

/// <summary>GET /orders/{id} and GET /orders: a customer sees their own orders and nobody else's.</summary>
public sealed class ReadingTests(OrdersFactory factory) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_reads_back_with_lines_total_and_history()
    {
        var shopper = factory.NewShopper();
        var id = await shopper.PlaceAcceptedAsync((Grinder.Id, 2));

        var order = await shopper.OrderAsync(id);

        Assert.Equal(id, order.Id);
        Assert.Equal(OrderStatuses.Pending, order.Status);
        Assert.Null(order.Reason);
        Assert.Equal([new OrderItemResponse(Grinder.Id, 2, 89m, 178m)], order.Items);
        Assert.Equal(178m, order.Total);
        var step = Assert.Single(order.History);
        Assert.Equal((OrderStatuses.Pending, (string?)null, order.CreatedAt), (step.Status, step.Reason, step.At));
        Assert.Equal(order.CreatedAt, order.UpdatedAt);
    }

    [Fact]
    public async Task Someone_elses_order_is_404_as_if_it_did_not_exist()
    {
        var owner = factory.NewShopper();
        var stranger = factory.NewShopper();
        var id = await owner.PlaceAcceptedAsync((Kettle.Id, 1));

        await (await stranger.GetAsync($"/orders/{id}")).AssertProblem(HttpStatusCode.NotFound);
        await (await owner.GetAsync($"/orders/{Guid.NewGuid()}")).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(0, (await (await stranger.GetAsync("/orders")).ReadJson<OrderPage>()).TotalCount);
    }

    [Fact]
    public async Task Reading_needs_an_access_token()
    {
        var response = await factory.CreateClient().GetAsync("/orders", Cancel);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task My_orders_come_newest_first_a_page_at_a_time()
    {
        var shopper = factory.NewShopper();
        var first = await shopper.PlaceAcceptedAsync((Kettle.Id, 1));
        var second = await shopper.PlaceAcceptedAsync((Kettle.Id, 2));
        var third = await shopper.PlaceAcceptedAsync((Kettle.Id, 3));

        var one = await (await shopper.GetAsync("/orders?page=1&pageSize=2")).ReadJson<OrderPage>();
        var two = await (await shopper.GetAsync("/orders?page=2&pageSize=2")).ReadJson<OrderPage>();
        var beyond = await (await shopper.GetAsync("/orders?page=3&pageSize=2")).ReadJson<OrderPage>();
        var defaults = await (await shopper.GetAsync("/orders")).ReadJson<OrderPage>();

        Assert.Equal([third, second], one.Items.Select(o => o.Id));
        Assert.Equal([first], two.Items.Select(o => o.Id));
        Assert.Empty(beyond.Items);
        Assert.All([one, two, beyond], p => Assert.Equal((3, 2), (p.TotalCount, p.PageSize)));
        Assert.Equal((1, 20, 3), (defaults.Page, defaults.PageSize, defaults.Items.Count));
        Assert.Equal(3, one.Items[0].Items[0].Quantity);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("pageSize=ten", "pageSize")]
    public async Task Bad_paging_is_a_400_naming_the_field(string query, string field)
    {
        var shopper = factory.NewShopper();

        await (await shopper.GetAsync($"/orders?{query}")).AssertInvalidField(field);
    }
}
