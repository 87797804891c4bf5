using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Data;
using Mosaic.Platform.Management;

namespace Mosaic.Platform.Tests.Data;

public class DatabaseSetupTests
{
    [Fact]
    public void A_service_with_a_dash_in_its_name_finds_its_connection_string_under_underscores_as_a_shell_passes_it()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Service"] = "payment-provider",
            ["Mosaic:Database:Provider"] = "postgresql",
            // What ConnectionStrings__payment_provider becomes: /bin/sh drops ConnectionStrings__payment-provider.
            ["ConnectionStrings:payment_provider"] = "Host=db.internal;Port=5433;Database=ledger;Username=ledger;Password=secret",
        });

        builder.AddMosaicDatabase<EmptyContext>();

        var info = new Dictionary<string, object?>();
        foreach (var contributor in builder.Services.Select(s => s.ImplementationInstance).OfType<IInfoContributor>()) contributor.Contribute(info);
        var database = System.Text.Json.JsonSerializer.Serialize(info["database"]);
        Assert.Equal("""{"provider":"postgresql","location":"db.internal:5433/ledger"}""", database);
    }

    [Theory]
    [InlineData("Host=db.internal;Database=ledger;Username=ledger", 100, "-c plan_cache_mode=force_custom_plan", true)]
    // Npgsql's other spellings of the same settings count as set: preparing off sends no startup option (PgBouncer refuses unknown ones).
    [InlineData("Host=db.internal;Database=ledger;Username=ledger;MaxAutoPrepare=0;NoResetOnClose=false", 0, null, false)]
    [InlineData("Host=db.internal;Database=ledger;Username=ledger;Options=-c plan_cache_mode=auto", 100, "-c plan_cache_mode=auto", true)]
    public void A_PostgreSQL_connection_prepares_statements_planned_for_their_values_unless_its_connection_string_says_otherwise(
        string given, int prepared, string? options, bool noResetOnClose)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Service"] = "ledger",
            ["Mosaic:Database:Provider"] = "postgresql",
            ["ConnectionStrings:ledger"] = given,
        });
        builder.AddMosaicDatabase<EmptyContext>();
        using var app = builder.Build();
        using var scope = app.Services.CreateScope();

        var used = new Npgsql.NpgsqlConnectionStringBuilder(scope.ServiceProvider.GetRequiredService<EmptyContext>().Database.GetConnectionString());
        Assert.Equal(prepared, used.MaxAutoPrepare);
        Assert.Equal(options, used.Options);
        Assert.Equal(noResetOnClose, used.NoResetOnClose);
    }

    [Fact]
    public async Task Every_SQLite_connection_commits_with_synchronous_normal_however_often_the_pool_hands_it_out()
    {
        var state = Directory.CreateTempSubdirectory("mosaic-sqlite-settings-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Mosaic:Service"] = "settings",
                ["Mosaic:StateDirectory"] = state,
            });
            builder.AddMosaicDatabase<EmptyContext>();
            await using var app = builder.Build();

            // Two contexts at once take two native connections from the pool; a third open reuses one of them.
            for (var round = 0; round < 2; round++)
            {
                await using var first = app.Services.CreateAsyncScope();
                await using var second = app.Services.CreateAsyncScope();
                foreach (var db in new[] { first, second }.Select(s => s.ServiceProvider.GetRequiredService<EmptyContext>()))
                {
                    await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
                    Assert.Equal(1L, await PragmaAsync(db, "synchronous")); // NORMAL
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<long> PragmaAsync(DbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private sealed class EmptyContext(DbContextOptions<EmptyContext> options) : DbContext(options);
}
