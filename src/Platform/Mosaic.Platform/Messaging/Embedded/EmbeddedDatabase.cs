using Microsoft.Data.Sqlite;
using Mosaic.Platform.Data.SqliteLocking;

namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>
/// The embedded transport's SQLite file: connections configured for several processes writing at
/// once, and the schema, created on first use by whichever process gets there first.
/// </summary>
internal sealed class EmbeddedDatabase : IDisposable
{
    // Long enough to ride out another process's write transaction (they are all short), short enough
    // that a wedged file shows up in the logs instead of hanging a consumer for good: the busy handler
    // (every process writes to this file) waits up to SqliteBusyWait.Bound, looking again every millisecond.
    private static readonly int BusyTimeoutSeconds = (int)SqliteBusyWait.Bound.TotalSeconds;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS bindings (
            queue TEXT NOT NULL,
            routing_key TEXT NOT NULL,
            PRIMARY KEY (routing_key, queue)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS deliveries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            message_id TEXT NOT NULL,
            routing_key TEXT NOT NULL,
            body BLOB NOT NULL,
            enqueued_at INTEGER NOT NULL,
            available_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT NULL,
            lease_until INTEGER NULL,
            state INTEGER NOT NULL DEFAULT 0,
            error TEXT NULL,
            dead_at INTEGER NULL
        );
        CREATE INDEX IF NOT EXISTS ix_deliveries_claim ON deliveries (queue, state, seq);
        """;

    private readonly string connectionString;
    private readonly string path;
    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool created;

    public EmbeddedDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        this.path = Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = this.path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>Opens a connection, creating the folder and schema first if this process has not yet.</summary>
    /// <param name="durable">
    /// Whether a commit must be on disk before it returns. Publishes and redrives need it: their caller
    /// forgets the messages once they return. Leases and outcomes do not: WAL keeps them through a
    /// process crash, and one lost to a power cut only means a message is delivered again, which the
    /// inbox absorbs. Skipping the flush there is what lets a consumer keep up.
    /// </param>
    public async Task<SqliteConnection> OpenAsync(bool durable, CancellationToken cancellationToken)
    {
        if (!created) await CreateAsync(cancellationToken);
        return await OpenConnectionAsync(durable, cancellationToken);
    }

    /// <summary>Closes this file's idle pooled connections, so a stopped transport leaves no handle open.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(connectionString)) SqliteConnection.ClearPool(connection);
        creating.Dispose();
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await creating.WaitAsync(cancellationToken);
        try
        {
            if (created) return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await using var connection = await OpenConnectionAsync(durable: true, cancellationToken);
            // WAL lets consumers read while another process writes. The mode is stored in the file, so
            // only the first process to get here changes it; the others find it already set.
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            // IF NOT EXISTS inside an immediate transaction: processes starting together take turns,
            // and the later ones find the tables there.
            await using (var transaction = connection.BeginTransaction(deferred: false))
            {
                await ExecuteAsync(connection, Schema, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            created = true;
        }
        finally
        {
            creating.Release();
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(bool durable, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Set on every open: pooled connections keep whatever the previous user chose.
            var synchronous = durable ? "FULL" : "NORMAL";
            SqliteBusyWait.Install(connection);
            await ExecuteAsync(connection, $"PRAGMA synchronous = {synchronous};", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
