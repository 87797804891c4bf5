using Mosaic.Identity.Passwords;

namespace Mosaic.Identity.Tests.Passwords;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher hasher = new();

    [Fact]
    public void Verifies_the_right_password_and_refuses_a_wrong_one()
    {
        var hash = hasher.Hash("Tr1cky-enough-pass");
        Assert.Equal(PasswordVerification.Success, hasher.Verify(hash, "Tr1cky-enough-pass"));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(hash, "Tr1cky-enough-pasS"));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(hash, ""));
    }

    [Fact]
    public void Never_stores_the_password_and_salts_every_hash()
    {
        var first = hasher.Hash("Tr1cky-enough-pass");
        var second = hasher.Hash("Tr1cky-enough-pass");
        Assert.DoesNotContain("Tr1cky", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.StartsWith($"pbkdf2-sha512${PasswordHasher.Iterations}$", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Asks_for_a_rehash_when_the_stored_hash_is_weaker_than_today()
    {
        var old = PasswordHasher.HashWith("Tr1cky-enough-pass", 1_000);
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, hasher.Verify(old, "Tr1cky-enough-pass"));
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(old, "wrong-password-1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("pbkdf2-sha512$x$AAAA$AAAA")]
    [InlineData("pbkdf2-sha512$1000$not base64!$AAAA")]
    [InlineData("bcrypt$10$AAAA$AAAA")]
    public void Refuses_anything_that_is_not_a_hash_it_made(string stored) =>
        Assert.Equal(PasswordVerification.Failed, hasher.Verify(stored, "plain-text-password"));
}
