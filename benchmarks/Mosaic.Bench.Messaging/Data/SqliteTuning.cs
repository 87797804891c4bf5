using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mosaic.Bench.Messaging.Data;

/// <summary>
/// An experiment switch, off unless set (<c>Bench:SqliteBusyTimeoutMs</c>, <c>Bench:SqliteSynchronous</c>):
/// pragmas the platform does not set on service databases today, applied to every connection of this
/// service's database, so a run can show what setting them in the platform would change. Off, the
/// benchmark measures the platform as it is. A no-op on any other provider (PostgreSQL in the
/// production profile).
/// </summary>
public sealed class SqliteTuning : DbConnectionInterceptor
{
    private static readonly string[] SynchronousModes = ["OFF", "NORMAL", "FULL"];

    private readonly string? pragmas;

    public SqliteTuning(IConfiguration configuration)
    {
        var busyTimeout = configuration.GetValue<int?>("Bench:SqliteBusyTimeoutMs");
        var synchronous = configuration["Bench:SqliteSynchronous"]?.ToUpperInvariant();
        if (busyTimeout is < 0) throw new InvalidOperationException("Bench:SqliteBusyTimeoutMs must be 0 or more.");
        if (!string.IsNullOrEmpty(synchronous) && !SynchronousModes.Contains(synchronous))
            throw new InvalidOperationException($"Bench:SqliteSynchronous must be one of {string.Join(", ", SynchronousModes)}.");
        var parts = new List<string>();
        if (busyTimeout is { } ms) parts.Add(string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {ms};"));
        if (!string.IsNullOrEmpty(synchronous)) parts.Add($"PRAGMA synchronous = {synchronous};");
        pragmas = parts.Count == 0 ? null : string.Join(' ', parts);
    }

    public bool IsActive => pragmas is not null;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (pragmas is null || connection is not SqliteConnection) return;
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (pragmas is null || connection is not SqliteConnection) return;
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
