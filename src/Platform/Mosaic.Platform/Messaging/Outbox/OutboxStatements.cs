using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Platform.Messaging.Outbox;

/// <summary>
/// The relay's two statements, written once per service from the outbox's mapping. Leasing a batch and
/// reading it is one <c>UPDATE … RETURNING</c> (SQLite and PostgreSQL both have it), where a LINQ update
/// and a query were two statements, each looked up in EF Core's query cache on every batch.
/// </summary>
internal sealed class OutboxStatements
{
    private OutboxStatements(string claim, string delete)
    {
        Claim = claim;
        Delete = delete;
    }

    /// <summary>
    /// Leases the oldest rows nobody holds and returns them. Parameters: {0} the claim, {1} the lease's end,
    /// {2} now, {3} the batch size. A row another relay leased between the choice and the update is left
    /// to it: the lease is checked again on the row itself.
    /// </summary>
    public string Claim { get; }

    /// <summary>Deletes the rows one claim shipped. Parameter: {0} the claim.</summary>
    public string Delete { get; }

    public static OutboxStatements For(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map the outbox: call MessagingModel.Map in OnModelCreating.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var sequence = Column(nameof(OutboxMessage.Sequence));
        var owner = Column(nameof(OutboxMessage.LeaseOwner));
        var until = Column(nameof(OutboxMessage.LeaseUntil));
        var free = $"({until} IS NULL OR {until} < {{2}})";
        return new OutboxStatements(
            $"UPDATE {name} SET {owner} = {{0}}, {until} = {{1}} " +
            $"WHERE {sequence} IN (SELECT {sequence} FROM {name} WHERE {free} ORDER BY {sequence} LIMIT {{3}}) AND {free} " +
            "RETURNING *",
            $"DELETE FROM {name} WHERE {owner} = {{0}}");
    }
}
