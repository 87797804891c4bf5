using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Data;
using Mosaic.Platform.Data.SqliteLocking;

namespace Mosaic.Platform.Tests.Data;

/// <summary>
/// Writers of one process queue for their SQLite file before they reach it, and every way a write ends hands
/// the file on; a writer of another connection that finds the file locked waits for it instead of failing.
/// </summary>
public sealed class SqliteLockingTests : IAsyncLifetime
{
    private readonly string state = Directory.CreateTempSubdirectory("mosaic-sqlite-locking-").FullName;
    private WebApplication app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Service"] = "notes",
            ["Mosaic:StateDirectory"] = state,
        });
        builder.AddMosaicDatabase<NotesContext>();
        app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotesContext>().Database.EnsureCreatedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_first_transaction_to_commit_and_then_both_writes_are_there()
    {
        await using var first = Context(out var firstDb);
        await using var second = Context(out var secondDb);
        await using var transaction = await firstDb.Database.BeginTransactionAsync(Ct);
        firstDb.Notes.Add(new Note { Text = "first" });
        await firstDb.SaveChangesAsync(Ct);
        Assert.True(SqliteWriteGate.Holds(firstDb.Database.GetDbConnection()));

        secondDb.Notes.Add(new Note { Text = "second" });
        var secondSave = secondDb.SaveChangesAsync(Ct);
        await Task.Delay(200, Ct);
        Assert.False(secondSave.IsCompleted);

        await transaction.CommitAsync(Ct);
        await secondSave.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.False(SqliteWriteGate.Holds(firstDb.Database.GetDbConnection()));
        Assert.Equal(["first", "second"], await Texts());
    }

    [Fact]
    public async Task Every_way_a_write_ends_hands_the_file_on_at_once()
    {
        await using (Context(out var db))
        {
            // Rolled back.
            await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
            {
                db.Notes.Add(new Note { Text = "rolled back" });
                await db.SaveChangesAsync(Ct);
                await transaction.RollbackAsync(Ct);
            }
            db.ChangeTracker.Clear();
            // Left without a commit or a rollback.
            await using (await db.Database.BeginTransactionAsync(Ct))
            {
                db.Notes.Add(new Note { Text = "abandoned" });
                await db.SaveChangesAsync(Ct);
            }
            db.ChangeTracker.Clear();
            // A save that fails (the text is unique).
            db.Notes.Add(new Note { Text = "kept" });
            await db.SaveChangesAsync(Ct);
            db.ChangeTracker.Clear();
            db.Notes.Add(new Note { Text = "kept" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            db.ChangeTracker.Clear();
            // Writes outside a transaction, one of which fails.
            await db.Notes.Where(n => n.Text == "kept").ExecuteUpdateAsync(n => n.SetProperty(x => x.Text, "kept, updated"), Ct);
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Notes (Text) VALUES (NULL)", Ct));
            Assert.False(SqliteWriteGate.Holds(db.Database.GetDbConnection()));
        }

        // Each of those would otherwise keep the next writer waiting for the gate's 10 s bound.
        await using var next = Context(out var nextDb);
        nextDb.Notes.Add(new Note { Text = "next" });
        await nextDb.SaveChangesAsync(Ct).WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(["kept, updated", "next"], await Texts());
    }

    [Fact]
    public async Task A_writer_that_finds_the_file_locked_by_another_connection_waits_for_it_instead_of_failing()
    {
        var file = Path.Combine(state, "data", "notes.db");
        // Another process's writer, as far as this one can tell: a plain connection, outside the gate.
        await using var other = new SqliteConnection($"Data Source={file};Pooling=False");
        await other.OpenAsync(Ct);
        await using var lockTaken = other.BeginTransaction(deferred: false);
        var waitsBefore = SqliteBusyWait.Waits;

        await using var scope = Context(out var db);
        db.Notes.Add(new Note { Text = "waited" });
        // SQLite runs a statement on the caller's thread, waiting included: on a thread of its own here.
        var save = Task.Run(() => db.SaveChangesAsync(Ct), Ct);
        await Task.Delay(300, Ct);
        Assert.False(save.IsCompleted, save.Exception?.ToString());
        await lockTaken.CommitAsync(Ct);

        await save.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.True(SqliteBusyWait.Waits > waitsBefore);
        Assert.Equal(["waited"], await Texts());
    }

    private AsyncServiceScope Context(out NotesContext db)
    {
        var scope = app.Services.CreateAsyncScope();
        db = scope.ServiceProvider.GetRequiredService<NotesContext>();
        return scope;
    }

    private async Task<List<string>> Texts()
    {
        await using var scope = Context(out var db);
        return await db.Notes.OrderBy(n => n.Text).Select(n => n.Text!).ToListAsync(Ct);
    }

    private sealed class Note
    {
        public int Id { get; set; }
        public string? Text { get; set; }
    }

    private sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Note>().ToTable("Notes").Property(n => n.Text).IsRequired();
            modelBuilder.Entity<Note>().HasIndex(n => n.Text).IsUnique();
        }
    }
}
