using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Tests.Domain;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("  Ann.Lee@Example.COM ", "ann.lee@example.com")]
    [InlineData("a+shop@mail.example.org", "a+shop@mail.example.org")]
    [InlineData("o'neil@xn--bcher-kva.example", "o'neil@xn--bcher-kva.example")]
    public void Accepts_and_normalizes_to_lower_case(string input, string normalized)
    {
        Assert.True(EmailAddress.TryParse(input, out var email, out var problem));
        Assert.Null(problem);
        Assert.Equal(normalized, email.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ann")]
    [InlineData("ann@")]
    [InlineData("@example.com")]
    [InlineData("ann@localhost")]
    [InlineData("ann@@example.com")]
    [InlineData("ann@bob@example.com")]
    [InlineData("ann lee@example.com")]
    [InlineData(".ann@example.com")]
    [InlineData("ann.@example.com")]
    [InlineData("ann..lee@example.com")]
    [InlineData("ann@-example.com")]
    [InlineData("ann@example..com")]
    [InlineData("ann@example.c")]
    [InlineData("ann@127.0.0.1")]
    [InlineData("ann@exämple.com")]
    [InlineData("\"ann\"@example.com")]
    public void Refuses_what_is_not_an_address(string? input)
    {
        Assert.False(EmailAddress.TryParse(input, out var email, out var problem));
        Assert.Null(email);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Refuses_addresses_longer_than_smtp_carries()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com";
        Assert.False(EmailAddress.TryParse($"{local}@{domain}", out _, out var problem));
        Assert.Contains("254", problem, StringComparison.Ordinal);
        Assert.False(EmailAddress.TryParse($"{new string('a', 65)}@example.com", out _, out _));
    }

    [Fact]
    public void The_same_address_in_other_letter_case_is_equal()
    {
        Assert.Equal(EmailAddress.Parse("ANN@example.com"), EmailAddress.Parse("ann@EXAMPLE.com"));
        Assert.Equal("ann", EmailAddress.Parse("Ann@example.com").LocalPart);
    }
}
