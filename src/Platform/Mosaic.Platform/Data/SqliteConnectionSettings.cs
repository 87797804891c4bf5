using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Mosaic.Platform.Data.SqliteLocking;

namespace Mosaic.Platform.Data;

/// <summary>
/// Settings SQLite keeps per connection, applied each time one is opened.
/// <list type="bullet">
/// <item>A busy handler (<see cref="SqliteBusyWait"/>): a writer that finds the file locked by another
/// process (another instance) waits inside SQLite, looking again every millisecond for up to 10 s. Without
/// one, Microsoft.Data.Sqlite retries on its own every 150 ms, which turns any contention into hundreds of
/// milliseconds of latency. Writers of this process queue before they reach SQLite (<see cref="SqliteWriteGate"/>).</item>
/// <item><c>synchronous = NORMAL</c>: with write-ahead logging a commit survives the process being
/// killed at any point; only a power cut can lose the last commits. That is the embedded profile's
/// trade (the production profile runs on PostgreSQL): without it every commit waits for the disk.</item>
/// </list>
/// Both stay set on the native connection, which the pool hands out again and again (EF Core opens and
/// closes a connection around every query and save), so they are sent once per native connection, not
/// once per open: that would parse and run two more statements for every query.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous = NORMAL;";

    /// <summary>The native connections already set up; an entry goes when its handle is collected.</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection) is not { } handle) return;
        SqliteBusyWait.Install((SqliteConnection)connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection) is not { } handle) return;
        SqliteBusyWait.Install((SqliteConnection)connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Configured.AddOrUpdate(handle, handle);
    }

    /// <summary>The native handle of a SQLite connection not set up yet, or null.</summary>
    private static object? NeedsSettings(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && !Configured.TryGetValue(handle, out _) ? handle : null;
}
