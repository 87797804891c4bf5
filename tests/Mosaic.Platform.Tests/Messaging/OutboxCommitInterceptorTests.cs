using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Mosaic.Platform.Messaging.Outbox;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Tests.Messaging.Support;

namespace Mosaic.Platform.Tests.Messaging;

/// <summary>The relay is woken when outbox rows become visible to it, and not by saves that wrote none.</summary>
public sealed class OutboxCommitInterceptorTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly OutboxSignal signal = new();
    private readonly LedgerDbContext db;

    public OutboxCommitInterceptorTests()
    {
        connection.Open();
        db = new LedgerDbContext(new DbContextOptionsBuilder<LedgerDbContext>()
            .UseSqlite(connection)
            .AddInterceptors(new OutboxCommitInterceptor(signal))
            .Options);
        db.Database.EnsureCreated();
    }

    [Fact]
    public async Task A_save_without_outbox_rows_leaves_the_relay_asleep()
    {
        db.Effects.Add(new Effect { Id = Guid.NewGuid(), MessageId = Guid.NewGuid(), Currency = "EUR" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.False(await WokenAsync());
    }

    [Fact]
    public async Task A_save_of_outbox_rows_on_its_own_wakes_the_relay()
    {
        db.Set<OutboxMessage>().Add(Row());
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task Outbox_rows_saved_in_a_transaction_wake_the_relay_when_it_commits_and_not_before()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
        db.Set<OutboxMessage>().Add(Row());
        await db.SaveChangesAsync(cancellation);
        Assert.False(await WokenAsync());

        await transaction.CommitAsync(cancellation);
        Assert.True(await WokenAsync());
    }

    [Fact]
    public async Task Outbox_rows_rolled_back_never_wake_the_relay()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellation))
        {
            db.Set<OutboxMessage>().Add(Row());
            await db.SaveChangesAsync(cancellation);
            await transaction.RollbackAsync(cancellation);
        }
        db.ChangeTracker.Clear();
        await using (var next = await db.Database.BeginTransactionAsync(cancellation))
        {
            db.Effects.Add(new Effect { Id = Guid.NewGuid(), MessageId = Guid.NewGuid(), Currency = "EUR" });
            await db.SaveChangesAsync(cancellation);
            await next.CommitAsync(cancellation);
        }

        Assert.False(await WokenAsync());
    }

    private Task<bool> WokenAsync() => signal.WaitAsync(TimeSpan.Zero, TestContext.Current.CancellationToken);

    private static OutboxMessage Row() => new()
    {
        MessageId = Guid.NewGuid(),
        RoutingKey = "ledger.entry-posted.v1",
        Envelope = "{}",
        CreatedAt = 0,
    };

    public void Dispose()
    {
        db.Dispose();
        signal.Dispose();
        connection.Dispose();
    }
}
