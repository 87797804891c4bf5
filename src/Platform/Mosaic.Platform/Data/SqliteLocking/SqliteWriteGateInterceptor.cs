using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mosaic.Platform.Data.SqliteLocking;

/// <summary>
/// Puts EF Core's writes to SQLite through <see cref="SqliteWriteGate"/>: a transaction (SQLite begins
/// them IMMEDIATE, taking the write lock at once, and every SaveChanges runs in one) holds the gate from
/// its start to its commit or rollback; a write outside a transaction (ExecuteUpdate, ExecuteDelete, raw
/// SQL) holds it while it runs. Reads never wait: write-ahead logging lets them run beside the writer.
/// Closing the connection hands back whatever it still holds.
/// </summary>
internal sealed class SqliteWriteGateInterceptor : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<DbTransaction, DbConnection> Connections = [];

    // Transactions: from start to end.
    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await SqliteWriteGate.EnterAsync(connection, cancellationToken);
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        SqliteWriteGate.Enter(connection);
        return result;
    }

    // A finished SQLite transaction no longer knows its connection: remember it at the start.
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Connections.AddOrUpdate(result, connection);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Connections.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ExitTransaction(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ExitTransaction(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        // A failed start or commit: the transaction is over either way.
        if (eventData.Action is "BeginTransaction" or "Commit" or "Rollback") ExitTransaction(transaction);
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    // Writes outside a transaction: while the statement runs.
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command)) await SqliteWriteGate.EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command)) SqliteWriteGate.Enter(command.Connection!);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ExitLoneWrite(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ExitLoneWrite(command);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command)) await SqliteWriteGate.EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (IsLoneWrite(command)) SqliteWriteGate.Enter(command.Connection!);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        ExitLoneWrite(command);
        return ValueTask.FromResult(result);
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        ExitLoneWrite(command);
        return result;
    }

    // A write that returns rows (UPDATE ... RETURNING) is done once its reader is.
    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command)) await SqliteWriteGate.EnterAsync(command.Connection!, cancellationToken);
        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command)) SqliteWriteGate.Enter(command.Connection!);
        return result;
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ExitLoneWrite(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ExitLoneWrite(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitLoneWrite(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ExitLoneWrite(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ExitLoneWrite(command);
        return Task.CompletedTask;
    }

    // Whatever happened before, a closed connection holds nothing.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => SqliteWriteGate.Exit(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        SqliteWriteGate.Exit(connection);
        return Task.CompletedTask;
    }

    private static void ExitTransaction(DbTransaction? transaction)
    {
        if (transaction is not null && Connections.TryGetValue(transaction, out var connection)) SqliteWriteGate.Exit(connection);
    }

    /// <summary>A statement that changes the file, sent outside a transaction (inside one, the transaction holds the gate).</summary>
    private static bool IsLoneWrite(DbCommand command) =>
        command.Transaction is null && command.Connection is not null && !IsRead(command.CommandText);

    /// <summary>The end of what <see cref="IsLoneWrite"/> let in: a read (every query's reader ends here too) has nothing to hand back.</summary>
    private static void ExitLoneWrite(DbCommand command)
    {
        if (IsLoneWrite(command)) SqliteWriteGate.Exit(command.Connection!);
    }

    /// <summary>A query: SELECT, or a WITH that ends in one (EF writes no other kind of read).</summary>
    private static bool IsRead(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
            || (text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) && !ContainsWrite(text));
    }

    private static bool ContainsWrite(ReadOnlySpan<char> sql) =>
        sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || sql.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.Contains("DELETE", StringComparison.OrdinalIgnoreCase);
}
