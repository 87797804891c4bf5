using System.Net;
using System.Net.Http.Headers;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

/// <summary>
/// orders serves <c>/orders/...</c> and the public API is <c>/api/orders/...</c>: the route's
/// <c>servicePath: /orders</c> puts the service's own path back in front of what follows the prefix.
/// </summary>
public class OrdersRouteTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Gateway => fixture.Gateway.Api;

    private static HttpRequestMessage Authorized(HttpMethod method, string path) =>
        new(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1")) } };

    [Theory]
    [InlineData("GET", "/api/orders", "/orders", "")]
    [InlineData("GET", "/api/orders?page=2&size=5", "/orders", "?page=2&size=5")]
    [InlineData("GET", "/api/orders/0b9e4c1e", "/orders/0b9e4c1e", "")]
    [InlineData("POST", "/api/orders/0b9e4c1e/cancel", "/orders/0b9e4c1e/cancel", "")]
    public async Task Each_public_order_path_reaches_the_orders_service_under_its_own_path(string method, string path, string servicePath, string query)
    {
        using var request = Authorized(new HttpMethod(method), path);

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal("orders-0", echo.Upstream);
        Assert.Equal(method, echo.Method);
        Assert.Equal(servicePath, echo.Path);
        Assert.Equal(query, echo.Query);
    }

    [Fact]
    public async Task The_forwarded_prefix_turns_the_services_own_paths_into_public_ones()
    {
        using var request = Authorized(HttpMethod.Get, "/api/orders/0b9e4c1e");

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        // orders sees /orders/0b9e4c1e; "/api" in front of it is the public path its problems must name.
        Assert.Equal("/api", echo.Header("X-Forwarded-Prefix"));
    }

    [Fact]
    public async Task A_placed_orders_location_is_its_public_path()
    {
        using var request = Authorized(HttpMethod.Post, "/api/orders");
        request.Content = new StringContent("""{"items":[]}""", System.Text.Encoding.UTF8, "application/json");

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/orders/0b9e4c1e", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/orders/%252e%252e", "/orders/%2e%2e")]
    [InlineData("/api/orders/x%2Fy", "/orders/x%2Fy")]
    [InlineData("/api/orders/a%20b", "/orders/a b")]
    public async Task An_order_path_is_dispatched_by_the_service_exactly_as_the_gateway_checked_it(string sent, string seen)
    {
        using var request = Authorized(HttpMethod.Get, sent);

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(seen, echo.Path);
    }

    [Fact]
    public async Task Orders_need_a_token()
    {
        var response = await Gateway.GetAsync("/api/orders", TestContext.Current.CancellationToken);

        await Answers.AssertProblem(response, HttpStatusCode.Unauthorized);
    }
}
