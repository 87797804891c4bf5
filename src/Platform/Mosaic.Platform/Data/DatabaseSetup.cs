using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Data.SqliteLocking;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Management;
using Npgsql;

namespace Mosaic.Platform.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Gives the service its own database. On <c>sqlite</c> (the default) that is
    /// <c>ConnectionStrings:SERVICE</c> when set, otherwise a file under the environment's state folder;
    /// on <c>postgresql</c> it is <c>ConnectionStrings:SERVICE</c>, which must be set. The same
    /// hand-written migrations run on both before the service listens; readiness fails while the
    /// database cannot be reached.
    /// </summary>
    public static WebApplicationBuilder AddMosaicDatabase<TContext>(this WebApplicationBuilder builder)
        where TContext : DbContext
    {
        var options = builder.Configuration.GetSection(MosaicOptions.Section).Get<MosaicOptions>() ?? new MosaicOptions();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        // A POSIX shell drops environment variables whose names hold a dash, so ConnectionStrings__payment_provider
        // stands for ConnectionStrings:payment-provider too.
        var configured = builder.Configuration.GetConnectionString(options.Service)
            ?? builder.Configuration.GetConnectionString(options.Service.Replace('-', '_'));
        var provider = database.Provider.ToLowerInvariant();
        var (connectionString, info) = provider switch
        {
            DatabaseOptions.Sqlite => Sqlite(configured ?? DefaultSqlite(options)),
            DatabaseOptions.PostgreSql => PostgreSql(configured ?? throw Invalid(
                $"Mosaic:Database:Provider is '{DatabaseOptions.PostgreSql}' but ConnectionStrings:{options.Service} is not set: give this service its PostgreSQL connection string.")),
            _ => throw Invalid($"Mosaic:Database:Provider is '{database.Provider}'; the providers are: {string.Join(", ", DatabaseOptions.Providers)}."),
        };

        // Pooled: a DbContext is reset and reused rather than built for every request and every message,
        // which cost more than a simple handler's own work. So a service's DbContext takes only its options.
        builder.Services.AddDbContextPool<TContext>(db =>
        {
            if (provider == DatabaseOptions.PostgreSql) db.UseNpgsql(connectionString).AddInterceptors(PostgreSqlPoolReset);
            else db.UseSqlite(connectionString).AddInterceptors(SqliteSettings, SqliteWriteGate);
            // Migrations are written by hand (the design-time tools do not restore here), so there is no model snapshot to compare against.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>("database", tags: [ManagementEndpoints.ReadyTag]);
        builder.Services.AddHostedService<MigrationRunner<TContext>>();
        builder.Services.AddSingleton<IInfoContributor>(info);
        return builder;
    }

    private static readonly SqliteConnectionSettings SqliteSettings = new();
    private static readonly SqliteWriteGateInterceptor SqliteWriteGate = new();
    private static readonly PostgreSqlPoolReset PostgreSqlPoolReset = new();

    private static (string ConnectionString, DatabaseInfo Info) Sqlite(string connectionString) =>
        (connectionString, new DatabaseInfo(DatabaseOptions.Sqlite, new SqliteConnectionStringBuilder(connectionString).DataSource));

    private static (string ConnectionString, DatabaseInfo Info) PostgreSql(string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw Invalid($"The PostgreSQL connection string is not valid: {e.Message}");
        }
        // Idle pooled connections are checked every few seconds, so a restarted or failed-over server is
        // noticed by the pool rather than by the next request (see also PostgreSqlPoolReset).
        if (parsed.KeepAlive == 0) parsed.KeepAlive = IdleConnectionCheckSeconds;
        // What the connection string sets itself, under any of Npgsql's names for it, wins over the defaults below.
        var given = parsed.ConnectionString;
        // A DbContext opens and closes its connection for every query and save. Services keep no session
        // state, so a connection going back to the pool needs no DISCARD ALL.
        if (!given.Contains("No Reset On Close=", StringComparison.OrdinalIgnoreCase)) parsed.NoResetOnClose = true;
        // Statements run again and again are prepared once per connection, so the server stops parsing
        // and analysing them on every run, and each is still planned for its values: a prepared
        // statement's generic plan, chosen while a table was still small, kept scanning the whole inbox
        // for each lookup once it had grown (benchmarks/README.md). Statements not prepared are planned
        // for their values anyway, so with preparing off (PgBouncer, say) no startup option is sent.
        if (!given.Contains("Max Auto Prepare=", StringComparison.OrdinalIgnoreCase)) parsed.MaxAutoPrepare = AutoPreparedStatements;
        if (parsed.MaxAutoPrepare > 0 && !(parsed.Options ?? "").Contains("plan_cache_mode", StringComparison.Ordinal))
            parsed.Options = $"{parsed.Options} -c plan_cache_mode=force_custom_plan".Trim();
        // Where the service's data lives, never who it logs in as or with what.
        return (parsed.ConnectionString, new DatabaseInfo(DatabaseOptions.PostgreSql, $"{parsed.Host}:{parsed.Port}/{parsed.Database}"));
    }

    /// <summary>Statements each pooled connection keeps prepared (Npgsql's <c>Max Auto Prepare</c>) unless the connection string sets it.</summary>
    private const int AutoPreparedStatements = 100;

    /// <summary>Npgsql's <c>Keepalive</c> unless the connection string sets one.</summary>
    private const int IdleConnectionCheckSeconds = 5;

    private static OptionsValidationException Invalid(string message) =>
        new(DatabaseOptions.Section, typeof(DatabaseOptions), [message]);

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
