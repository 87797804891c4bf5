using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mosaic.Tests.Shared;

/// <summary>
/// Compares a service's database, as its hand-written migrations left it, with the model its DbContext
/// maps: every table's columns (store type, nullability, generated keys), primary key, indexes, foreign
/// keys and check constraints, read from the database's own catalog (PostgreSQL's pg_catalog, SQLite's
/// pragmas). A migration written for one provider only leaves a schema the other's model does not match.
/// </summary>
public static partial class MigratedSchema
{
    private const string HistoryTablePrefix = "__EF";

    /// <summary>Fails unless <paramref name="db"/> is on the provider the run asked for, has applied every migration, and its schema is the model's.</summary>
    public static async Task AssertMatchesModelAsync(DbContext db, CancellationToken cancellationToken)
    {
        Assert.Equal(TestDatabase.IsPostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(cancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(cancellationToken));

        var expected = Describe(db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var actual = TestDatabase.IsPostgreSql ? await ReadPostgreSqlAsync(db, cancellationToken) : await ReadSqliteAsync(db, cancellationToken);
        Assert.Equal(expected, actual);
    }

    /// <summary>One line per fact, sorted, so that a difference reads as the lines that differ.</summary>
    private static List<string> Describe(IRelationalModel model)
    {
        var facts = new List<string>();
        foreach (var table in model.Tables)
        {
            foreach (var column in table.Columns)
                facts.Add(Column(table.Name, column.Name, column.StoreType, column.IsNullable, IsGenerated(column)));
            if (table.PrimaryKey is { } key) facts.Add(PrimaryKey(table.Name, key.Columns.Select(c => c.Name)));
            foreach (var index in table.Indexes) facts.Add(Index(table.Name, index.Name, index.IsUnique, index.Columns.Select(c => c.Name)));
            foreach (var foreignKey in table.ForeignKeyConstraints)
                facts.Add(ForeignKey(table.Name, foreignKey.Columns.Select(c => c.Name), foreignKey.PrincipalTable.Name, foreignKey.PrincipalColumns.Select(c => c.Name)));
            foreach (var check in table.CheckConstraints) facts.Add(Check(table.Name, check.Name!));
        }
        return Sorted(facts);
    }

    /// <summary>A key the database numbers itself: an integer key column whose value is generated when a row is added.</summary>
    private static bool IsGenerated(IColumn column) =>
        column.PropertyMappings.Any(m => m.Property.ValueGenerated.HasFlag(Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd)
            && m.Property.IsPrimaryKey() && m.Property.ClrType == typeof(long));

    private static async Task<List<string>> ReadPostgreSqlAsync(DbContext db, CancellationToken cancellationToken)
    {
        var facts = new List<string>();
        const string Tables = "c.relkind = 'r' AND n.nspname = current_schema() AND c.relname NOT LIKE '\\_\\_EF%'";
        await foreach (var row in QueryAsync(db, $"""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%'
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE {Tables} AND a.attnum > 0 AND NOT a.attisdropped
            """, cancellationToken))
            facts.Add(Column((string)row[0], (string)row[1], (string)row[2], (bool)row[3], (bool)row[4]));

        await foreach (var row in QueryAsync(db, $"""
            SELECT c.relname, i.relname, x.indisprimary, x.indisunique,
                   ARRAY(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, position)
                         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.position)::text[]
            FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {Tables}
            """, cancellationToken))
        {
            var columns = (string[])row[4];
            facts.Add((bool)row[2] ? PrimaryKey((string)row[0], columns) : Index((string)row[0], (string)row[1], (bool)row[3], columns));
        }

        await foreach (var row in QueryAsync(db, $"""
            SELECT c.relname, k.contype::text, k.conname, p.relname,
                   ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY o(attnum, position)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = o.attnum ORDER BY o.position)::text[],
                   ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY o(attnum, position)
                         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = o.attnum ORDER BY o.position)::text[]
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class p ON p.oid = k.confrelid
            WHERE {Tables} AND k.contype IN ('c', 'f')
            """, cancellationToken))
        {
            facts.Add((string)row[1] == "c"
                ? Check((string)row[0], (string)row[2])
                : ForeignKey((string)row[0], (string[])row[4], (string)row[3], (string[])row[5]));
        }
        return Sorted(facts);
    }

    private static async Task<List<string>> ReadSqliteAsync(DbContext db, CancellationToken cancellationToken)
    {
        var tables = new List<(string Name, string Sql)>();
        await foreach (var row in QueryAsync(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", cancellationToken))
        {
            if (!((string)row[0]).StartsWith(HistoryTablePrefix, StringComparison.Ordinal)) tables.Add(((string)row[0], (string)row[1]));
        }

        var facts = new List<string>();
        foreach (var (table, sql) in tables)
        {
            var key = new SortedList<long, string>();
            var columns = new List<(string Name, string Type, bool Nullable)>();
            await foreach (var row in QueryAsync(db, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')", cancellationToken))
            {
                columns.Add(((string)row[0], (string)row[1], (long)row[2] == 0));
                if ((long)row[3] > 0) key.Add((long)row[3], (string)row[0]);
            }
            // A single INTEGER PRIMARY KEY column is the rowid, which SQLite numbers itself.
            var rowid = key.Count == 1 && columns.Single(c => c.Name == key.Values[0]).Type == "INTEGER" ? key.Values[0] : null;
            facts.AddRange(columns.Select(c => Column(table, c.Name, c.Type, c.Nullable, c.Name == rowid)));
            if (key.Count > 0) facts.Add(PrimaryKey(table, key.Values));

            await foreach (var row in QueryAsync(db, $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c'", cancellationToken))
            {
                var indexColumns = new List<string>();
                await foreach (var column in QueryAsync(db, $"SELECT name FROM pragma_index_info('{row[0]}') ORDER BY seqno", cancellationToken))
                    indexColumns.Add((string)column[0]);
                facts.Add(Index(table, (string)row[0], (long)row[1] == 1, indexColumns));
            }

            var foreignKeys = new SortedDictionary<long, (string Principal, List<string> From, List<string> To)>();
            await foreach (var row in QueryAsync(db, $"SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{table}') ORDER BY id, seq", cancellationToken))
            {
                if (!foreignKeys.TryGetValue((long)row[0], out var foreignKey)) foreignKeys[(long)row[0]] = foreignKey = ((string)row[1], [], []);
                foreignKey.From.Add((string)row[2]);
                foreignKey.To.Add((string)row[3]);
            }
            facts.AddRange(foreignKeys.Values.Select(f => ForeignKey(table, f.From, f.Principal, f.To)));

            // SQLite keeps no catalog of check constraints: their names are read from the table's CREATE statement.
            facts.AddRange(CheckConstraintName().Matches(sql).Select(m => Check(table, m.Groups[1].Value)));
        }
        return Sorted(facts);
    }

    private static async IAsyncEnumerable<object[]> QueryAsync(DbContext db, string sql, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                yield return values;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Column(string table, string column, string type, bool nullable, bool generated) =>
        $"{table}.{column} {type}{(nullable ? " NULL" : " NOT NULL")}{(generated ? " GENERATED" : "")}";

    private static string PrimaryKey(string table, IEnumerable<string> columns) => $"{table} PRIMARY KEY ({string.Join(", ", columns)})";

    private static string Index(string table, string name, bool unique, IEnumerable<string> columns) =>
        $"{table} {(unique ? "UNIQUE INDEX" : "INDEX")} {name} ({string.Join(", ", columns)})";

    private static string ForeignKey(string table, IEnumerable<string> columns, string principal, IEnumerable<string> principalColumns) =>
        $"{table} FOREIGN KEY ({string.Join(", ", columns)}) REFERENCES {principal} ({string.Join(", ", principalColumns)})";

    private static string Check(string table, string name) => $"{table} CHECK {name}";

    private static List<string> Sorted(List<string> facts) => [.. facts.Order(StringComparer.Ordinal)];

    [GeneratedRegex("CONSTRAINT \"(CK_[^\"]+)\" CHECK")]
    private static partial Regex CheckConstraintName();
}
