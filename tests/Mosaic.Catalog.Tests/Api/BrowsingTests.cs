using System.Net;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Tests.Support;

namespace Mosaic.Catalog.Tests.Api;

/// <summary>Anonymous reads of the seeded catalog. Nothing here writes, so the tests share one instance.</summary>
public sealed class BrowsingTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    private const int SeededProducts = 50;
    private static readonly Guid Hobbit = new("ca7a1000-0000-4000-8000-000000000007");
    private static readonly Guid KenyaBeans = new("ca7a1000-0000-4000-8000-000000000014");

    private readonly HttpClient client = factory.CreateClient();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_page_holds_twenty_of_the_fifty_seeded_products()
    {
        var page = await (await client.GetAsync("/products", Cancel)).ReadJson<ProductPage>();

        Assert.Equal(SeededProducts, page.Total);
        Assert.Equal(1, page.Page);
        Assert.Equal(20, page.PageSize);
        Assert.Equal(20, page.Items.Count);
    }

    [Fact]
    public async Task Paging_through_every_page_sees_each_product_once_in_name_order()
    {
        var seen = new List<ProductResponse>();
        for (var number = 1; number <= 6; number++)
        {
            var page = await (await client.GetAsync($"/products?page={number}&pageSize=9", Cancel)).ReadJson<ProductPage>();
            Assert.Equal(SeededProducts, page.Total);
            Assert.Equal(number < 6 ? 9 : 5, page.Items.Count);
            seen.AddRange(page.Items);
        }

        Assert.Equal(SeededProducts, seen.Select(p => p.Id).Distinct().Count());
        Assert.Equal(seen.Select(p => p.Name).Order(StringComparer.Ordinal), seen.Select(p => p.Name));
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_but_still_counts_the_total()
    {
        var page = await (await client.GetAsync("/products?page=1000&pageSize=100", Cancel)).ReadJson<ProductPage>();

        Assert.Empty(page.Items);
        Assert.Equal(SeededProducts, page.Total);
    }

    [Fact]
    public async Task The_seed_spans_several_categories()
    {
        var categories = await (await client.GetAsync("/categories", Cancel)).ReadJson<List<CategoryResponse>>();

        Assert.Equal(["audio", "books", "coffee", "games", "kitchen", "outdoors"], categories.Select(c => c.Name));
        Assert.Equal(SeededProducts, categories.Sum(c => c.Products));
    }

    [Theory]
    [InlineData("coffee")]
    [InlineData("COFFEE")]
    [InlineData("Coffee")]
    public async Task The_category_filter_matches_exactly_whatever_the_case(string category)
    {
        var page = await (await client.GetAsync($"/products?category={category}&pageSize=100", Cancel)).ReadJson<ProductPage>();

        Assert.Equal(9, page.Total);
        Assert.All(page.Items, p => Assert.Equal("coffee", p.Category));
    }

    [Fact]
    public async Task A_category_that_only_starts_like_another_matches_nothing()
    {
        var page = await (await client.GetAsync("/products?category=coff", Cancel)).ReadJson<ProductPage>();

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Search_finds_the_text_in_names_and_descriptions_ignoring_case()
    {
        var page = await (await client.GetAsync("/products?q=ESPRESSO&pageSize=100", Cancel)).ReadJson<ProductPage>();

        // Two say it in the name (an espresso blend, a stovetop espresso maker), two only in the description.
        Assert.Equal(4, page.Total);
        Assert.Equal(
            ["Colombia Huila Beans 1 kg", "Hand Burr Grinder", "House Espresso Blend 1 kg", "Stovetop Espresso Maker 6 Cup"],
            page.Items.Select(p => p.Name));
    }

    [Fact]
    public async Task Search_and_category_combine()
    {
        var page = await (await client.GetAsync("/products?q=espresso&category=kitchen", Cancel)).ReadJson<ProductPage>();

        var only = Assert.Single(page.Items);
        Assert.Equal("Stovetop Espresso Maker 6 Cup", only.Name);
    }

    [Fact]
    public async Task Search_treats_sql_wildcards_as_plain_text()
    {
        var page = await (await client.GetAsync("/products?q=%25_%25", Cancel)).ReadJson<ProductPage>();

        Assert.Equal(0, page.Total);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Paging_outside_its_bounds_is_a_400_naming_the_parameter(string query, string field)
    {
        var response = await client.GetAsync($"/products?{query}", Cancel);

        await response.AssertInvalidField(field);
    }

    [Fact]
    public async Task A_page_number_that_is_not_a_number_is_a_400_not_a_500()
    {
        var response = await client.GetAsync("/products?page=first", Cancel);

        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("page", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_product_is_read_by_id_with_its_price_and_available_units()
    {
        var product = await (await client.GetAsync($"/products/{Hobbit}", Cancel)).ReadJson<ProductResponse>();

        Assert.Equal(Hobbit, product.Id);
        Assert.Equal("The Hobbit", product.Name);
        Assert.Equal("books", product.Category);
        Assert.Equal(19.99m, product.Price);
        Assert.Equal(50, product.Available);
    }

    [Fact]
    public async Task A_sold_out_product_shows_zero_available()
    {
        var product = await (await client.GetAsync($"/products/{KenyaBeans}", Cancel)).ReadJson<ProductResponse>();

        Assert.Equal(0, product.Available);
    }

    [Fact]
    public async Task Products_in_a_page_carry_every_field_a_shopper_sees()
    {
        var body = await client.GetStringAsync("/products?category=books&q=hobbit", Cancel);

        Assert.Contains($"\"id\":\"{Hobbit}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"The Hobbit\"", body, StringComparison.Ordinal);
        Assert.Contains("\"category\":\"books\"", body, StringComparison.Ordinal);
        Assert.Contains("\"price\":19.99", body, StringComparison.Ordinal);
        Assert.Contains("\"available\":50", body, StringComparison.Ordinal);
        Assert.Contains("\"total\":1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var response = await client.GetAsync($"/products/{Guid.NewGuid()}", Cancel);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_id_that_is_not_a_guid_is_a_404_problem_not_a_500()
    {
        var response = await client.GetAsync("/products/not-a-guid", Cancel);

        await response.AssertProblem(HttpStatusCode.NotFound);
    }
}
