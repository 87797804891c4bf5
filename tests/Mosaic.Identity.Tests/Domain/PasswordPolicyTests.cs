using Mosaic.Identity.Contracts;
using Mosaic.Identity.Domain;

namespace Mosaic.Identity.Tests.Domain;

public sealed class PasswordPolicyTests
{
    private static readonly EmailAddress Ann = EmailAddress.Parse("annabel@example.com");

    [Theory]
    [InlineData("abcdefghi1")]
    [InlineData("correct horse battery 9")]
    [InlineData("Ünïcödé-pässwörd-7")]
    public void Accepts_ten_or_more_characters_with_a_letter_and_a_digit(string password) =>
        Assert.Null(PasswordPolicy.Check(password, Ann));

    [Theory]
    [InlineData(null, "at least 10")]
    [InlineData("", "at least 10")]
    [InlineData("abcdefgh1", "at least 10")]
    [InlineData("abcdefghijkl", "digit")]
    [InlineData("1234567890123", "letter")]
    [InlineData("--annabel-2024", "before the @")]
    [InlineData("my-ANNABEL-99", "before the @")]
    public void Refuses_with_a_sentence_naming_the_rule(string? password, string expected)
    {
        var problem = PasswordPolicy.Check(password, Ann);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.EndsWith(".", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_passwords_too_long_to_hash_cheaply() =>
        Assert.Contains("at most 128", PasswordPolicy.Check(new string('a', 128) + "1", Ann), StringComparison.Ordinal);

    [Fact]
    public void Does_not_refuse_a_password_for_holding_a_one_or_two_letter_local_part()
    {
        Assert.Null(PasswordPolicy.Check("banana-split-42", EmailAddress.Parse("a@example.com")));
        Assert.Null(PasswordPolicy.Check("albatross-42", EmailAddress.Parse("al@example.com")));
        Assert.NotNull(PasswordPolicy.Check("albatross-42", EmailAddress.Parse("alb@example.com")));
    }

    [Fact]
    public void Agrees_with_the_limits_published_in_the_contracts()
    {
        Assert.Equal(IdentityLimits.PasswordMinLength, PasswordPolicy.MinLength);
        Assert.Equal(IdentityLimits.PasswordMaxLength, PasswordPolicy.MaxLength);
        Assert.Equal(IdentityLimits.EmailMaxLength, EmailAddress.MaxLength);
        Assert.Equal(IdentityLimits.DisplayNameMaxLength, DisplayName.MaxLength);
    }
}
