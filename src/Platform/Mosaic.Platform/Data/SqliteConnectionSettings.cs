using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mosaic.Platform.Data;

/// <summary>
/// Settings SQLite keeps per connection, applied each time one is opened.
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the file locked (another request, the outbox relay,
/// a message handler, another instance) waits inside SQLite, in steps of a few milliseconds. Without
/// it, Microsoft.Data.Sqlite retries on its own every 150 ms, which turns any contention into
/// hundreds of milliseconds of latency.</item>
/// <item><c>synchronous = NORMAL</c>: with write-ahead logging a commit survives the process being
/// killed at any point; only a power cut can lose the last commits. That is the embedded profile's
/// trade (the production profile runs on PostgreSQL): without it every commit waits for the disk.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
