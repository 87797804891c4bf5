using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Tests.Domain;

public sealed class DisplayNameTests
{
    [Fact]
    public void Is_trimmed() => Assert.Equal("Ann Lee", DisplayName.Parse("  Ann Lee ").Value);

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    [InlineData("Ann\nLee")]
    public void Refuses_empty_names_and_control_characters(string? input) =>
        Assert.False(DisplayName.TryParse(input, out _, out _));

    [Fact]
    public void Refuses_more_than_100_characters()
    {
        Assert.True(DisplayName.TryParse(new string('x', 100), out _, out _));
        Assert.False(DisplayName.TryParse(new string('x', 101), out _, out var problem));
        Assert.Contains("100", problem, StringComparison.Ordinal);
    }
}
