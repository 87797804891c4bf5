using Mosaic.Gateway.Forwarding;
using Mosaic.Gateway.Routing;
using Mosaic.Platform.Manifest;

namespace Mosaic.Gateway.Tests.Routing;

/// <summary>A route with <c>servicePath</c>: the public prefix stands for a path of the service's own.</summary>
public class ServicePathTests
{
    private static readonly RouteTable Routes = new(ManifestLoader.Parse("""
        services:
          catalog: { project: src/catalog, port: 3, managementPort: 4 }
          orders: { project: src/orders, port: 5, managementPort: 6 }
        routes:
          - prefix: /api/catalog
            service: catalog
          - prefix: /api/orders
            service: orders
            servicePath: /orders
            anonymous: [GET /public/*]
        """, "."));

    private static string Forwarded(string path, string query = "")
    {
        var route = Routes.Match(path)!;
        return TargetPath.Build(route.ServicePath, route.ServiceRemainder(path), query);
    }

    [Theory]
    [InlineData("/api/orders", "/orders")]
    [InlineData("/api/orders/", "/orders/")]
    [InlineData("/api/orders/0b9e", "/orders/0b9e")]
    [InlineData("/api/orders/0b9e/cancel", "/orders/0b9e/cancel")]
    [InlineData("/API/Orders/0b9e", "/orders/0b9e")]
    [InlineData("/api/catalog", "/")]
    [InlineData("/api/catalog/products/1", "/products/1")]
    public void The_service_is_asked_for_its_path_followed_by_what_came_after_the_prefix(string path, string expected) =>
        Assert.Equal(expected, Forwarded(path));

    [Fact]
    public void The_rest_is_escaped_after_the_service_path_and_the_query_is_kept()
    {
        Assert.Equal("/orders/a%20b/%25252e", Forwarded("/api/orders/a b/%252e"));
        Assert.Equal("/orders?page=2&size=10", Forwarded("/api/orders", "?page=2&size=10"));
        Assert.Equal("/orders/caf%C3%A9?x=1", Forwarded("/api/orders/café", "?x=1"));
    }

    [Theory]
    [InlineData("/orders/0b9e", "/api/orders/0b9e")]
    [InlineData("/orders", "/api/orders")]
    [InlineData("/orders/", "/api/orders/")]
    [InlineData("/orders?page=2", "/api/orders?page=2")]
    [InlineData("/Orders/0b9e", "/api/orders/0b9e")]
    [InlineData("/ordersx/1", null)]
    [InlineData("/health", null)]
    public void A_location_under_the_service_path_is_given_its_public_path_and_one_outside_it_has_none(string location, string? expected) =>
        Assert.Equal(expected, Routes.Match("/api/orders")!.PublicPath(location));

    [Fact]
    public void Without_a_service_path_a_location_is_simply_put_under_the_prefix() =>
        Assert.Equal("/api/catalog/products/42", Routes.Match("/api/catalog")!.PublicPath("/products/42"));

    [Theory]
    [InlineData("GET", "/api/orders/public/x", true)]
    [InlineData("GET", "/api/orders/orders/public/x", false)]
    [InlineData("GET", "/api/orders/0b9e", false)]
    public void Anonymous_operations_stay_written_against_the_public_path_after_the_prefix(string method, string path, bool open) =>
        Assert.Equal(open, Routes.Match(path)!.AllowsAnonymous(method, path));

    [Theory]
    [InlineData("orders")]
    [InlineData("/ord ers")]
    [InlineData("/orders%2F")]
    public void A_service_path_that_would_need_escaping_or_is_not_absolute_is_refused(string servicePath)
    {
        var error = Assert.Throws<ManifestException>(() =>
            new GatewayRoute(new RouteManifest { Prefix = "/api/orders", Service = "orders", ServicePath = servicePath }));

        Assert.Contains($"'{servicePath}'", error.Message, StringComparison.Ordinal);
    }
}
