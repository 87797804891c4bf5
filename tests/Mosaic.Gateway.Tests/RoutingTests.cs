using System.Net;
using System.Net.Http.Headers;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public class RoutingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Gateway => fixture.Gateway.Api;

    [Fact]
    public async Task A_catalog_request_reaches_catalog_without_the_prefix_and_with_its_query()
    {
        var response = await Gateway.GetAsync("/api/catalog/products?category=books&q=red%20fox&page=2", TestContext.Current.CancellationToken);

        var echo = await Answers.EchoOf(response);
        Assert.Equal("catalog-0", echo.Upstream);
        Assert.Equal("GET", echo.Method);
        Assert.Equal("/products", echo.Path);
        Assert.Equal("?category=books&q=red%20fox&page=2", echo.Query);
    }

    [Theory]
    [InlineData("/api/catalog/products/%252e%252e", "/products/%2e%2e")]
    [InlineData("/api/catalog/products/a%20b", "/products/a b")]
    [InlineData("/api/catalog/products/%C3%A9t%C3%A9", "/products/été")]
    [InlineData("/api/catalog/products/x%2Fy", "/products/x%2Fy")]
    public async Task The_service_dispatches_on_exactly_the_path_the_gateway_checked(string sent, string seen)
    {
        var response = await Gateway.GetAsync(sent, TestContext.Current.CancellationToken);

        var echo = await Answers.EchoOf(response);
        Assert.Equal(seen, echo.Path);
    }

    [Fact]
    public async Task An_identity_request_reaches_identity_with_its_method_and_body()
    {
        var response = await Gateway.PostAsync("/api/identity/login",
            new StringContent("""{"email":"a@example.com","password":"correct horse"}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        var echo = await Answers.EchoOf(response);
        Assert.Equal("identity-0", echo.Upstream);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/login", echo.Path);
        Assert.Equal(52, echo.BodyLength);
        Assert.Equal("application/json; charset=utf-8", echo.Header("Content-Type"));
    }

    [Fact]
    public async Task The_prefix_alone_reaches_the_service_root()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1"));

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal("/", echo.Path);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("/api/payments/1")]
    [InlineData("/api/catalogue/products")]
    [InlineData("/api/catalog-admin/products")]
    [InlineData("/apicatalog/products")]
    public async Task A_path_under_no_route_is_a_404_problem_that_is_not_forwarded(string path)
    {
        var marker = Guid.NewGuid().ToString("N");

        var response = await Gateway.GetAsync($"{path}?probe={marker}", TestContext.Current.CancellationToken);

        var problem = await Answers.AssertProblem(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/catalog", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Catalog.Seen.Concat(fixture.Identity.Seen), seen => seen.Contains(marker, StringComparison.Ordinal));
    }
}
