using Npgsql;

namespace Mosaic.Platform.Data;

/// <summary>
/// Lets one instance at a time migrate a PostgreSQL database, for the whole run. EF Core's own lock
/// there (<c>LOCK TABLE</c>) ends with each migration's transaction, so an instance that started
/// together with another can slip in between two migrations and apply the second one twice. This
/// lock belongs to a session of its own instead, which the server also ends for a process that dies.
/// </summary>
internal sealed class PostgreSqlMigrationLock : IAsyncDisposable
{
    /// <summary>One fixed key: a database holds one service's tables, so there is one migration to serialize.</summary>
    private const long Key = 0x4D6F_7361_6963_4D67; // "MosaicMg"

    private readonly NpgsqlConnection connection;

    private PostgreSqlMigrationLock(NpgsqlConnection connection) => this.connection = connection;

    /// <summary>Waits for the lock (until <paramref name="cancellationToken"/> gives up) and holds it until disposed.</summary>
    public static async Task<PostgreSqlMigrationLock> AcquireAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Outside the pool: closing the connection must end the session, and with it the lock.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new PostgreSqlMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
