using Mosaic.Catalog.Domain;

namespace Mosaic.Catalog.Tests.Domain;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0.01", 1)]
    [InlineData("19.99", 1999)]
    [InlineData("19.9", 1990)]
    [InlineData("20", 2000)]
    [InlineData("1000000", 100_000_000)]
    public void Amounts_convert_to_whole_cents_and_back(string amount, long cents)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(cents, Money.ToCents(value));
        Assert.Equal(value, Money.FromCents(cents));
    }

    [Theory]
    [InlineData("9.999")]
    [InlineData("0.001")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1000000.01")]
    [InlineData("79228162514264337593543950335")]
    public void Amounts_that_are_not_a_valid_price_are_refused_not_rounded(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Throws<CatalogRuleException>(() => Money.ToCents(value));
    }
}
