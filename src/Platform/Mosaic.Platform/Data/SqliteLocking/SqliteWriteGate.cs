using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Mosaic.Platform.Data.SqliteLocking;

/// <summary>
/// One writer at a time per SQLite file within this process, queued without holding a thread.
/// <para>
/// SQLite takes one writer at a time. A writer that finds the file locked waits inside SQLite's busy
/// handler, which sleeps the calling thread in growing steps (1, 2, 5, 10, 15, 20, 25, 50, 100 ms) and
/// looks again. Under load a service's requests, message handlers and outbox relay write at once; on two
/// cores that put a thread-pool thread to sleep most of the time and added up to 100 ms to a request that
/// lost a race it could have waited out in microseconds (see benchmarks/README.md). Queued here instead,
/// the next writer starts the moment the previous one ends, and no thread sleeps meanwhile.
/// </para>
/// Other processes on the same file (a second instance, a tool) still meet in SQLite's busy handler. A
/// writer that cannot get the gate within <see cref="WaitBound"/> goes ahead without it, to SQLite's own
/// locking, so a lease that was never handed back can slow writers down but never stop them.
/// </summary>
internal static class SqliteWriteGate
{
    /// <summary>As long as SQLite's own busy timeout: past it a writer would have failed anyway.</summary>
    public static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(10);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Each data source as connections spell it, with its file's gate: the full path is worked out once, not per write.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> GatesByDataSource = new(StringComparer.Ordinal);

    /// <summary>The connections holding their file's gate, and which.</summary>
    private static readonly ConditionalWeakTable<DbConnection, SemaphoreSlim> Holders = [];

    /// <summary>Takes the gate of <paramref name="connection"/>'s file for it, unless it holds it already or is no file-backed SQLite connection.</summary>
    public static async ValueTask EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (GateOf(connection) is not { } gate) return;
        if (await gate.WaitAsync(WaitBound, cancellationToken)) Hold(connection, gate);
    }

    /// <inheritdoc cref="EnterAsync"/>
    public static void Enter(DbConnection connection)
    {
        if (GateOf(connection) is not { } gate) return;
        if (gate.Wait(WaitBound)) Hold(connection, gate);
    }

    /// <summary>Hands the gate on if <paramref name="connection"/> holds it; nothing otherwise, so every end of a write may call it.</summary>
    public static void Exit(DbConnection connection)
    {
        SemaphoreSlim? gate;
        lock (Holders)
        {
            if (!Holders.TryGetValue(connection, out gate)) return;
            Holders.Remove(connection);
        }
        gate.Release();
    }

    /// <summary>Whether <paramref name="connection"/> holds its file's gate now.</summary>
    public static bool Holds(DbConnection connection)
    {
        lock (Holders) return Holders.TryGetValue(connection, out _);
    }

    private static void Hold(DbConnection connection, SemaphoreSlim gate)
    {
        lock (Holders) Holders.AddOrUpdate(connection, gate);
    }

    /// <summary>The gate of the connection's file; null for an in-memory database, another provider, or a connection already holding it.</summary>
    private static SemaphoreSlim? GateOf(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || Holds(connection)) return null;
        var file = sqlite.DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return null;
        return GatesByDataSource.GetOrAdd(file, static source => Gates.GetOrAdd(Path.GetFullPath(source), static _ => new SemaphoreSlim(1, 1)));
    }
}
