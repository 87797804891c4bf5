using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Management;

namespace Mosaic.Platform.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Gives the service its own database: <c>ConnectionStrings:SERVICE</c> when set, otherwise a
    /// SQLite file under the environment's state folder. Migrations run before the service listens;
    /// readiness fails while the database cannot be reached.
    /// </summary>
    public static WebApplicationBuilder AddMosaicDatabase<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        var options = builder.Configuration.GetSection(MosaicOptions.Section).Get<MosaicOptions>() ?? new MosaicOptions();
        var connectionString = builder.Configuration.GetConnectionString(options.Service) ?? DefaultSqlite(options);

        builder.Services.AddDbContext<TContext>(db => db
            .UseSqlite(connectionString)
            .AddInterceptors(ConnectionSettings)
            // Migrations are written by hand (the design-time tools do not restore here), so there is no model snapshot to compare against.
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)),
            // The options never change, so they are built once rather than for every scope (every request and message).
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [ManagementEndpoints.ReadyTag]);
        builder.Services.AddHostedService<MigrationRunner<TContext>>();
        builder.Services.AddSingleton<IInfoContributor>(new DatabaseInfo("sqlite", new SqliteConnectionStringBuilder(connectionString).DataSource));
        return builder;
    }

    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    private static string DefaultSqlite(MosaicOptions options)
    {
        var folder = Path.GetFullPath(Path.Combine(options.StateDirectory, "data"));
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, $"{options.Service}.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
        }.ToString();
    }

    private sealed class DatabaseInfo(string provider, string location) : IInfoContributor
    {
        public void Contribute(IDictionary<string, object?> info) =>
            info["database"] = new { provider, location };
    }
}
