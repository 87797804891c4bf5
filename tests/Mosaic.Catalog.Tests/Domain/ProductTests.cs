using Mosaic.Catalog.Domain;

namespace Mosaic.Catalog.Tests.Domain;

public sealed class ProductTests
{
    private static Product Kettle(int stock = 10) =>
        Product.Create(Guid.NewGuid(), "Pour-Over Kettle", "Coffee", "Gooseneck kettle", 5900, stock);

    [Fact]
    public void A_new_product_has_all_its_stock_available_at_version_1()
    {
        var product = Kettle(stock: 10);

        Assert.Equal(10, product.Available);
        Assert.Equal(0, product.Reserved);
        Assert.Equal(1, product.Version);
        Assert.Equal(59.00m, product.Price);
    }

    [Fact]
    public void Category_is_kept_in_lower_case_and_search_text_covers_name_and_description()
    {
        var product = Product.Create(Guid.NewGuid(), "  Hand Burr GRINDER ", " Coffee ", "Conical BURRS", 8900, 1);

        Assert.Equal("Hand Burr GRINDER", product.Name);
        Assert.Equal("coffee", product.Category);
        Assert.Contains("grinder", product.SearchText, StringComparison.Ordinal);
        Assert.Contains("conical burrs", product.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserving_reduces_what_is_available_but_not_what_is_on_hand()
    {
        var product = Kettle(stock: 10);

        product.Reserve(3);

        Assert.Equal(10, product.Stock);
        Assert.Equal(3, product.Reserved);
        Assert.Equal(7, product.Available);
    }

    [Fact]
    public void Reserving_exactly_what_is_available_empties_it_and_one_more_is_refused()
    {
        var product = Kettle(stock: 5);
        product.Reserve(5);

        var refused = Assert.Throws<CatalogRuleException>(() => product.Reserve(1));

        Assert.Equal(0, product.Available);
        Assert.Contains("only 0 available", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserving_more_than_available_is_refused_and_changes_nothing()
    {
        var product = Kettle(stock: 4);
        product.Reserve(2);
        var version = product.Version;

        var refused = Assert.Throws<CatalogRuleException>(() => product.Reserve(3));

        Assert.Contains("only 2 available", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, product.Reserved);
        Assert.Equal(version, product.Version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Reserving_or_releasing_nothing_or_less_is_refused(int quantity)
    {
        var product = Kettle();
        product.Reserve(2);

        Assert.Throws<CatalogRuleException>(() => product.Reserve(quantity));
        Assert.Throws<CatalogRuleException>(() => product.Release(quantity));
        Assert.Equal(2, product.Reserved);
    }

    [Fact]
    public void Releasing_returns_units_to_available()
    {
        var product = Kettle(stock: 10);
        product.Reserve(4);

        product.Release(3);

        Assert.Equal(1, product.Reserved);
        Assert.Equal(9, product.Available);
    }

    [Fact]
    public void Releasing_more_than_is_reserved_is_refused()
    {
        var product = Kettle(stock: 10);
        product.Reserve(2);

        var refused = Assert.Throws<CatalogRuleException>(() => product.Release(3));

        Assert.Contains("only 2 reserved", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, product.Reserved);
    }

    [Fact]
    public void Every_change_moves_the_version_on()
    {
        var product = Kettle(stock: 10);

        product.Reserve(1);
        product.Release(1);
        product.Update("Kettle", "coffee", null, 6000, 12);

        Assert.Equal(4, product.Version);
    }

    [Fact]
    public void Stock_cannot_be_updated_below_what_is_reserved()
    {
        var product = Kettle(stock: 10);
        product.Reserve(6);

        var refused = Assert.Throws<CatalogRuleException>(() => product.Update("Kettle", "coffee", null, 5900, 5));

        Assert.Contains("6 unit(s)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(10, product.Stock);
        Assert.Equal(6, product.Reserved);
    }

    [Theory]
    [InlineData("", "coffee", 100, 1)]
    [InlineData("Kettle", " ", 100, 1)]
    [InlineData("Kettle", "coffee", 0, 1)]
    [InlineData("Kettle", "coffee", -5, 1)]
    [InlineData("Kettle", "coffee", 100, -1)]
    [InlineData("Kettle", "coffee", 100, 1_000_001)]
    public void A_product_with_a_broken_field_cannot_be_made(string name, string category, long priceCents, int stock)
    {
        Assert.Throws<CatalogRuleException>(() => Product.Create(Guid.NewGuid(), name, category, null, priceCents, stock));
    }

    [Fact]
    public void Committing_takes_the_units_off_the_stock_and_the_reservation_together()
    {
        var product = Kettle(stock: 10);
        product.Reserve(4);
        var version = product.Version;

        product.Commit(3);

        Assert.Equal(7, product.Stock);
        Assert.Equal(1, product.Reserved);
        Assert.Equal(6, product.Available);
        Assert.Equal(version + 1, product.Version);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    public void Committing_nothing_or_more_than_is_reserved_is_refused_and_changes_nothing(int quantity)
    {
        var product = Kettle(stock: 10);
        product.Reserve(2);
        var version = product.Version;

        Assert.Throws<CatalogRuleException>(() => product.Commit(quantity));

        Assert.Equal(10, product.Stock);
        Assert.Equal(2, product.Reserved);
        Assert.Equal(version, product.Version);
    }
}
