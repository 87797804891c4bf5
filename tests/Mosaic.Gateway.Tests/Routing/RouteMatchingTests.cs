using Mosaic.Gateway.Routing;
using Mosaic.Platform.Manifest;

namespace Mosaic.Gateway.Tests.Routing;

public class RouteMatchingTests
{
    private static readonly RouteTable Routes = new(ManifestLoader.Parse("""
        services:
          identity: { project: src/identity, port: 1, managementPort: 2 }
          catalog: { project: src/catalog, port: 3, managementPort: 4 }
        routes:
          - prefix: /api/identity
            service: identity
            anonymous: [POST /login, GET /.well-known/jwks.json]
          - prefix: /api/catalog/
            service: catalog
            anonymous: [GET /products, GET /products/*, GET /products/*/reviews/*]
        """, "."));

    [Theory]
    [InlineData("/api/catalog", "catalog")]
    [InlineData("/api/catalog/", "catalog")]
    [InlineData("/api/catalog/products/1", "catalog")]
    [InlineData("/API/Catalog/products", "catalog")]
    [InlineData("/api/identity/login", "identity")]
    [InlineData("/api/catalogue", null)]
    [InlineData("/api/catalog-x/products", null)]
    [InlineData("/api", null)]
    [InlineData("/", null)]
    public void A_route_covers_its_prefix_on_segment_boundaries(string path, string? service) =>
        Assert.Equal(service, Routes.Match(path)?.Service);

    [Theory]
    [InlineData("GET", "/api/catalog/products", true)]
    [InlineData("get", "/api/catalog/products", true)]
    [InlineData("GET", "/api/catalog/products/", true)]
    [InlineData("GET", "/api/catalog/Products/42", true)]
    [InlineData("GET", "/api/catalog/products/42/reviews/7", true)]
    [InlineData("GET", "/api/catalog/products/42/reviews", false)]
    [InlineData("GET", "/api/catalog/products/42/stock", false)]
    [InlineData("GET", "/api/catalog/products//", false)]
    [InlineData("GET", "/api/catalog/products//reviews/7", false)]
    [InlineData("GET", "/api/catalog/productsx", false)]
    [InlineData("GET", "/api/catalog", false)]
    [InlineData("POST", "/api/catalog/products", false)]
    [InlineData("HEAD", "/api/catalog/products", false)]
    [InlineData("POST", "/api/identity/login", true)]
    [InlineData("GET", "/api/identity/login", false)]
    [InlineData("GET", "/api/identity/.well-known/jwks.json", true)]
    [InlineData("GET", "/api/identity/me", false)]
    public void Only_the_listed_operations_are_open_and_a_star_is_exactly_one_segment(string method, string path, bool open) =>
        Assert.Equal(open, Routes.Match(path)!.AllowsAnonymous(method, path));

    [Theory]
    [InlineData("GET")]
    [InlineData("/products")]
    [InlineData("GET products")]
    [InlineData("GET /products extra")]
    [InlineData("GET /products//reviews")]
    [InlineData("G3T /products")]
    public void A_malformed_anonymous_operation_stops_start_up_with_a_sentence_naming_it(string operation)
    {
        var error = Assert.Throws<ManifestException>(() => AnonymousOperation.Parse(operation, "/api/catalog"));

        Assert.Contains($"'{operation}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("/api/catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_that_would_need_escaping_is_refused()
    {
        var error = Assert.Throws<ManifestException>(() => new GatewayRoute(new RouteManifest { Prefix = "/api/cat alog", Service = "catalog" }));

        Assert.Contains("/api/cat alog", error.Message, StringComparison.Ordinal);
    }
}
