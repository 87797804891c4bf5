using System.Data.Common;
using Npgsql;

namespace Mosaic.Platform.Data;

/// <summary>Tells a database that is down, restarting or too busy from a fault in our own code.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// True when <paramref name="exception"/> (or one it wraps) says the database could not be reached
    /// or asked to be retried: a refused or dropped connection, a server shutting down, a busy SQLite
    /// file, a pool that stayed exhausted. The caller gets a 503 to retry, not a 500.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsServerGoingAway(postgres.SqlState):
                case NpgsqlException { IsTransient: true }:
                case DbException { IsTransient: true }:
                    return true;
            }
        }
        return false;
    }

    /// <summary>Admin shutdown, crash shutdown, cannot connect now (class 57P), and connection exceptions (class 08).</summary>
    private static bool IsServerGoingAway(string sqlState) =>
        sqlState.StartsWith("57P", StringComparison.Ordinal) || sqlState.StartsWith("08", StringComparison.Ordinal);
}
