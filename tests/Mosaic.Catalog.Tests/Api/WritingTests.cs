using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Tests.Support;
using Mosaic.Platform.Security;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Catalog.Tests.Api;

/// <summary>Creating and updating products: who may, and what comes of it. Each test class gets its own database.</summary>
public sealed class WritingTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private static readonly Guid ChefsKnife = new("ca7a1000-0000-4000-8000-000000000021");

    private readonly HttpClient client = factory.CreateClient();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static object NewProduct(string name = "Aeropress Go", decimal price = 39.95m, int stock = 15) => new
    {
        name,
        category = "Coffee",
        description = "Travel coffee press with a mug that holds it.",
        price,
        stock,
    };

    [Fact]
    public async Task Creating_without_a_token_is_401()
    {
        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct()), Cancel);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Creating_as_a_customer_is_403()
    {
        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(), factory.Tokens.Customer()), Cancel);

        await response.AssertProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_401()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = factory.Tokens.Mint(AccessTokens.AdminRole, signWith: stranger);

        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(), forged), Cancel);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_that_reuses_the_trusted_key_id_but_another_key_is_401()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = factory.Tokens.Mint(AccessTokens.AdminRole, signWith: stranger, keyId: TokenIssuer.TrustedKeyId);

        var response = await client.SendAsync(Json(HttpMethod.Put, $"/products/{ChefsKnife}", NewProduct(), forged), Cancel);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_creates_a_product_that_anyone_can_then_read_and_find()
    {
        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(name: "Aeropress Original"), factory.Tokens.Admin()), Cancel);

        var created = await response.ReadJson<ProductResponse>(HttpStatusCode.Created);
        Assert.Equal($"/products/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("coffee", created.Category);
        Assert.Equal(39.95m, created.Price);
        Assert.Equal(15, created.Available);

        var read = await (await client.GetAsync(response.Headers.Location, Cancel)).ReadJson<ProductResponse>();
        Assert.Equal(created, read);
        var found = await (await client.GetAsync("/products?q=aeropress original", Cancel)).ReadJson<ProductPage>();
        Assert.Equal(created.Id, Assert.Single(found.Items).Id);
    }

    [Fact]
    public async Task An_admin_updates_a_product_and_the_change_is_read_back()
    {
        var update = new { name = "Santoku Knife 18 cm", category = "kitchen", description = "Hollow-edge blade.", price = 64.5m, stock = 12 };

        var updated = await (await client.SendAsync(Json(HttpMethod.Put, $"/products/{ChefsKnife}", update, factory.Tokens.Admin()), Cancel))
            .ReadJson<ProductResponse>();

        Assert.Equal("Santoku Knife 18 cm", updated.Name);
        var read = await (await client.GetAsync($"/products/{ChefsKnife}", Cancel)).ReadJson<ProductResponse>();
        Assert.Equal(updated, read);
        Assert.Equal(64.50m, read.Price);
        Assert.Equal(12, read.Available);
    }

    [Fact]
    public async Task Updating_as_a_customer_is_403_and_changes_nothing()
    {
        var before = await (await client.GetAsync($"/products/{ChefsKnife}", Cancel)).ReadJson<ProductResponse>();

        var response = await client.SendAsync(Json(HttpMethod.Put, $"/products/{ChefsKnife}", NewProduct(), factory.Tokens.Customer()), Cancel);

        await response.AssertProblem(HttpStatusCode.Forbidden);
        var after = await (await client.GetAsync($"/products/{ChefsKnife}", Cancel)).ReadJson<ProductResponse>();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Updating_an_unknown_product_is_404()
    {
        var response = await client.SendAsync(Json(HttpMethod.Put, $"/products/{Guid.NewGuid()}", NewProduct(), factory.Tokens.Admin()), Cancel);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_update_based_on_a_stale_read_is_refused_instead_of_overwriting()
    {
        var created = await (await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(name: "Milk Frother"), factory.Tokens.Admin()), Cancel))
            .ReadJson<ProductResponse>(HttpStatusCode.Created);
        var read = await client.GetAsync($"/products/{created.Id}", Cancel);
        var etag = read.Headers.ETag;
        Assert.NotNull(etag);

        using var first = Json(HttpMethod.Put, $"/products/{created.Id}", NewProduct(name: "Milk Frother", price: 20m), factory.Tokens.Admin());
        first.Headers.IfMatch.Add(etag);
        await (await client.SendAsync(first, Cancel)).ReadJson<ProductResponse>();

        using var stale = Json(HttpMethod.Put, $"/products/{created.Id}", NewProduct(name: "Milk Frother", price: 25m), factory.Tokens.Admin());
        stale.Headers.IfMatch.Add(etag);
        var response = await client.SendAsync(stale, Cancel);

        await response.AssertProblem(HttpStatusCode.PreconditionFailed);
        var now = await (await client.GetAsync($"/products/{created.Id}", Cancel)).ReadJson<ProductResponse>();
        Assert.Equal(20m, now.Price);
    }

    [Fact]
    public async Task A_malformed_if_match_is_a_400_naming_the_header_and_changes_nothing()
    {
        var created = await (await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(name: "Pour-over Kettle"), factory.Tokens.Admin()), Cancel))
            .ReadJson<ProductResponse>(HttpStatusCode.Created);
        using var garbled = Json(HttpMethod.Put, $"/products/{created.Id}", NewProduct(name: "Pour-over Kettle", price: 99m), factory.Tokens.Admin());
        garbled.Headers.TryAddWithoutValidation("If-Match", "garbage");

        var response = await client.SendAsync(garbled, Cancel);

        await response.AssertProblem(HttpStatusCode.BadRequest);
        var now = await (await client.GetAsync($"/products/{created.Id}", Cancel)).ReadJson<ProductResponse>();
        Assert.Equal(39.95m, now.Price);
    }

    [Fact]
    public async Task Stock_cannot_be_updated_below_what_open_orders_have_reserved()
    {
        var created = await (await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(name: "Tamper 58 mm", stock: 10), factory.Tokens.Admin()), Cancel))
            .ReadJson<ProductResponse>(HttpStatusCode.Created);
        using (var scope = factory.Services.CreateScope())
        {
            // Reservations arrive with the order process; until then, make one directly.
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            (await db.Products.SingleAsync(p => p.Id == created.Id, Cancel)).Reserve(6);
            await db.SaveChangesAsync(Cancel);
        }
        Assert.Equal(4, (await (await client.GetAsync($"/products/{created.Id}", Cancel)).ReadJson<ProductResponse>()).Available);

        var response = await client.SendAsync(Json(HttpMethod.Put, $"/products/{created.Id}", NewProduct(name: "Tamper 58 mm", stock: 5), factory.Tokens.Admin()), Cancel);

        var problem = await response.AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("reserved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var lowered = await (await client.SendAsync(Json(HttpMethod.Put, $"/products/{created.Id}", NewProduct(name: "Tamper 58 mm", stock: 6), factory.Tokens.Admin()), Cancel))
            .ReadJson<ProductResponse>();
        Assert.Equal(0, lowered.Available);
    }

    [Theory]
    [InlineData(0, "price")]
    [InlineData(-3, "price")]
    [InlineData(9.999, "price")]
    [InlineData(1000000.01, "price")]
    public async Task A_bad_price_is_a_400_naming_price(decimal price, string field)
    {
        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(price: price), factory.Tokens.Admin()), Cancel);

        await response.AssertInvalidField(field);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public async Task Stock_out_of_range_is_a_400_naming_stock(int stock)
    {
        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", NewProduct(stock: stock), factory.Tokens.Admin()), Cancel);

        await response.AssertInvalidField("stock");
    }

    [Fact]
    public async Task Missing_and_empty_fields_are_each_named()
    {
        var response = await client.SendAsync(Json(HttpMethod.Post, "/products", new { name = "", category = "no spaces allowed" }, factory.Tokens.Admin()), Cancel);

        await response.AssertInvalidField("name");
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("price", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("stock", out _), errors.ToString());
    }

    [Fact]
    public async Task An_update_is_validated_like_a_create()
    {
        var response = await client.SendAsync(Json(HttpMethod.Put, $"/products/{ChefsKnife}", NewProduct(price: 0.001m), factory.Tokens.Admin()), Cancel);

        await response.AssertInvalidField("price");
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/products")
        {
            Content = new StringContent("{\"name\": \"Broken\", \"price\": ", System.Text.Encoding.UTF8, "application/json"),
        }.WithBearer(factory.Tokens.Admin());

        var response = await client.SendAsync(request, Cancel);

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("exception", out _), "The problem must not carry exception details.");
    }

    [Fact]
    public async Task A_price_sent_as_text_is_a_400_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/products")
        {
            Content = new StringContent("{\"name\":\"X\",\"category\":\"coffee\",\"price\":\"cheap\",\"stock\":1}", System.Text.Encoding.UTF8, "application/json"),
        }.WithBearer(factory.Tokens.Admin());

        var response = await client.SendAsync(request, Cancel);

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Contains("'price'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
