using Mosaic.Identity.Domain;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Tests.Domain;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private static User NewUser(string role = UserRoles.Customer, string hash = "pbkdf2-sha512$1$c2FsdA==$a2V5") =>
        User.Register(Guid.NewGuid(), EmailAddress.Parse("Ann@Example.com"), DisplayName.Parse(" Ann "), hash, role, Now);

    [Fact]
    public void Keeps_the_normalized_email_and_name()
    {
        var user = NewUser();
        Assert.Equal("ann@example.com", user.Email);
        Assert.Equal("Ann", user.DisplayName);
        Assert.Equal(UserRoles.Customer, user.Role);
        Assert.False(user.IsAdmin);
    }

    [Fact]
    public void Can_be_promoted_to_admin()
    {
        var user = NewUser();
        user.PromoteToAdmin();
        Assert.True(user.IsAdmin);
        Assert.Equal("admin", user.Role);
    }

    [Fact]
    public void Refuses_unknown_roles_missing_hashes_and_local_times()
    {
        Assert.Throws<ArgumentException>(() => NewUser(role: "root"));
        Assert.Throws<ArgumentException>(() => NewUser(hash: " "));
        Assert.Throws<ArgumentException>(() => User.Register(Guid.Empty, EmailAddress.Parse("a@example.com"), DisplayName.Parse("A"), "h", UserRoles.Customer, Now));
        Assert.Throws<ArgumentException>(() => User.Register(Guid.NewGuid(), EmailAddress.Parse("a@example.com"), DisplayName.Parse("A"), "h", UserRoles.Customer, Now.ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Keeps_the_creation_time_to_the_microsecond_as_every_database_stores_it()
    {
        var user = User.Register(Guid.NewGuid(), EmailAddress.Parse("a@example.com"), DisplayName.Parse("A"), "h", UserRoles.Customer, Now.AddTicks(1_234_567));
        Assert.Equal(Now.AddTicks(1_234_560), user.CreatedAt);
    }

    [Fact]
    public void Role_names_are_the_ones_access_tokens_carry()
    {
        Assert.Equal(AccessTokens.AdminRole, UserRoles.Admin);
        Assert.Equal(AccessTokens.CustomerRole, UserRoles.Customer);
    }
}
