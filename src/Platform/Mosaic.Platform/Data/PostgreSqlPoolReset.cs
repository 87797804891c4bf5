using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Mosaic.Platform.Data;

/// <summary>
/// Empties the connection pool the moment one connection finds the server gone (restarted, failed
/// over, or the network cut). Npgsql does not test an idle connection before handing it out, so after
/// a restart every pooled connection would fail once, minutes later for a quiet service: each of those
/// failures a request answered 503 or a message sent back for a retry. Cleared, the next use opens a
/// fresh connection.
/// </summary>
internal sealed class PostgreSqlPoolReset : IDbCommandInterceptor, IDbConnectionInterceptor
{
    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) =>
        ResetIfServerGone(command.Connection, eventData.Exception);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ResetIfServerGone(command.Connection, eventData.Exception);
        return Task.CompletedTask;
    }

    public void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) =>
        ResetIfServerGone(connection, eventData.Exception);

    public Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ResetIfServerGone(connection, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void ResetIfServerGone(DbConnection? connection, Exception exception)
    {
        if (connection is NpgsqlConnection postgres && DatabaseFailures.IsUnavailable(exception))
            NpgsqlConnection.ClearPool(postgres);
    }
}
