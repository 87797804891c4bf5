using Microsoft.Extensions.DependencyInjection;
using Mosaic.Identity.Data;
using Mosaic.Identity.Domain;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Data;

/// <summary>Identity's migrations on an empty database of the provider this run uses (SQLite, or PostgreSQL with MOSAIC_TEST_DATABASE=postgresql).</summary>
public sealed class MigrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_empty_database_they_build_exactly_the_schema_the_model_maps()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state);
        app.StartServer();
        await using var scope = app.Services.CreateAsyncScope();

        await MigratedSchema.AssertMatchesModelAsync(scope.ServiceProvider.GetRequiredService<IdentityDbContext>(), Cancel);
    }

    [Fact]
    public async Task A_user_is_read_back_exactly_as_it_was_written()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state);
        app.StartServer();

        await RoundTrip.AssertReadBackAsWrittenAsync<IdentityDbContext>(app.Services, db => db.Users.Add(User.Register(
            Guid.CreateVersion7(), EmailAddress.Parse("Zoe.O'Neil+shop@Example.com"), DisplayName.Parse("Zoë Ünal-O'Neil"),
            new string('h', User.PasswordHashMaxLength), UserRoles.Admin, DateTimeOffset.UtcNow)), Cancel);
    }
}
