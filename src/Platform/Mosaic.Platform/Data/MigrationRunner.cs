using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mosaic.Platform.Data;

/// <summary>
/// Brings the service's database to the latest migration before the listeners open. EF Core
/// takes a migration lock, so several instances starting together apply each migration once.
/// </summary>
internal sealed partial class MigrationRunner<TContext>(IServiceScopeFactory scopes, ILogger<MigrationRunner<TContext>> logger) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await WaitForDatabaseAsync(db, cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers and a writer work at once, across instances sharing the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // Migrating takes a lock that a killed process leaves behind; with nothing to apply there is no reason to take it.
        if (pending.Count == 0) return;

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(LockWait);
        try
        {
            await using var postgreSqlLock = db.Database.IsNpgsql()
                ? await PostgreSqlMigrationLock.AcquireAsync(db.Database.GetConnectionString()!, bounded.Token)
                : null;
            await db.Database.MigrateAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(db.Database.IsNpgsql()
                ? $"Could not apply migrations within {LockWait.TotalSeconds:0} s: another instance kept migrating this database all that time; see its log."
                : $"Could not apply migrations within {LockWait.TotalSeconds:0} s. If no other instance is migrating, a process that was killed " +
                  "while migrating left its lock behind: delete the row in the __EFMigrationsLock table of this service's database and start again.");
        }
        LogMigrated(logger, pending.Count, string.Join(", ", pending));
    }

    /// <summary>
    /// A database server that is still starting (or restarting) is waited for, so that services and their
    /// database can be started together; past <see cref="LockWait"/> the migration itself reports the failure.
    /// </summary>
    private async Task WaitForDatabaseAsync(TContext db, CancellationToken cancellationToken)
    {
        // A SQLite file has no server to wait for, and CanConnect answers false until the first migration creates it.
        if (db.Database.IsSqlite()) return;
        var deadline = DateTime.UtcNow + LockWait;
        for (var attempt = 1; DateTime.UtcNow < deadline; attempt++)
        {
            try
            {
                if (await db.Database.CanConnectAsync(cancellationToken)) return;
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
            {
                // CanConnect answers false for most failures; some providers throw instead.
            }
            if (attempt == 1) LogWaiting(logger);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>How long to wait for another instance's migration before giving up with a clear message.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database cannot be reached yet; waiting for it before applying migrations")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogMigrated(ILogger logger, int count, string migrations);
}
