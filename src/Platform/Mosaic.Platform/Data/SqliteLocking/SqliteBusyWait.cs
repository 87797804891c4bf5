using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Mosaic.Platform.Data.SqliteLocking;

/// <summary>
/// How a SQLite connection waits for a file another process is writing (another instance of the service,
/// or any process on the embedded bus file): it looks again every millisecond, for up to
/// <see cref="Bound"/>, then gives up with SQLITE_BUSY, as <c>PRAGMA busy_timeout</c> would.
/// <para>
/// SQLite's own busy handler (what <c>busy_timeout</c> installs) sleeps in growing steps of 1, 2, 5, 10,
/// 15, 20, 25, 50 and 100 ms, so a writer that arrives just after another one started could sleep 100 ms
/// past the moment the file was free. Within one process <see cref="SqliteWriteGate"/> keeps writers from
/// meeting at all; this bounds what is left to a millisecond.
/// </para>
/// </summary>
internal static unsafe partial class SqliteBusyWait
{
    /// <summary>The longest a statement waits for the file before it fails as busy.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private const int SqliteOk = 0;

    /// <summary>When the current thread's wait began (a busy wait runs on the thread of the statement that waits).</summary>
    [ThreadStatic]
    private static long waitStarted;

    private static long waits;

    /// <summary>How many times a statement of this process found its file locked and waited (for tests and diagnostics).</summary>
    public static long Waits => Interlocked.Read(ref waits);

    /// <summary>
    /// Replaces the connection's busy handler with the one-millisecond wait; where SQLite's library cannot be
    /// reached by name (a platform packaged differently), falls back to its own handler with the same bound.
    /// </summary>
    public static void Install(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        try
        {
            if (sqlite3_busy_handler(handle.DangerousGetHandle(), &OnBusy, IntPtr.Zero) == SqliteOk) return;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Below: SQLite's own handler.
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)Bound.TotalMilliseconds};";
        command.ExecuteNonQuery();
    }

    /// <summary>SQLite asks whether to try again: <paramref name="count"/> is 0 at the first refusal of a statement's wait.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(IntPtr argument, int count)
    {
        var now = Stopwatch.GetTimestamp();
        if (count == 0)
        {
            waitStarted = now;
            Interlocked.Increment(ref waits);
        }
        else if (Stopwatch.GetElapsedTime(waitStarted, now) >= Bound) return 0;
        // A writer often finishes within microseconds: give way first, then sleep a tick at a time.
        if (count < 3) Thread.Yield();
        else Thread.Sleep(1);
        return 1;
    }

    [LibraryImport("e_sqlite3")]
    private static partial int sqlite3_busy_handler(IntPtr database, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr argument);
}
