using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Outbox;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Tests.Messaging.Support;
using Mosaic.Tests.Shared;
using Npgsql;

namespace Mosaic.Platform.Tests.Messaging;

/// <summary>
/// The relay's statements against PostgreSQL's planner. These run on PostgreSQL in the main test pass,
/// whose other messaging tests run on SQLite (the PostgreSQL pass runs <see cref="OutboxInboxTests"/> only).
/// </summary>
public sealed class OutboxRelayOnPostgreSqlTests : IAsyncLifetime
{
    private readonly MessagingSystem system = new() { DatabaseProvider = TestDatabase.PostgreSql };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task After_a_backlog_the_relay_still_reads_the_outbox_through_its_key_and_not_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var bank = await system.StartBankAsync(start: false);
        string connectionString;
        await using (var scope = bank.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await db.Database.MigrateAsync(ct);
            connectionString = db.Database.GetConnectionString()!;
            // Before version 15 a backend's counts reached the statistics over UDP, late or not at all.
            var version = await db.Database.SqlQueryRaw<int>("SELECT current_setting('server_version_num')::int AS \"Value\"").SingleAsync(ct);
            Assert.SkipWhen(version < 150000, $"PostgreSQL {version / 10000} reports table statistics asynchronously; this test needs version 15 or later.");

            // A backlog of 2,000 events, shipped: vacuum frees the pages but the file keeps them, because
            // the three events committed since sit at its end. The statistics now describe a large table
            // holding three rows, which PostgreSQL's planner would rather read whole than walk by key.
            await db.Database.ExecuteSqlRawAsync(
                $"""INSERT INTO "{MessagingModel.OutboxTable}" ("MessageId", "RoutingKey", "Envelope", "CreatedAt") SELECT gen_random_uuid(), 'backlog', repeat('x', 800), 0 FROM generate_series(1, 2000)""", ct);
            await db.Database.ExecuteSqlRawAsync($"""DELETE FROM "{MessagingModel.OutboxTable}" """, ct);
            var bus = scope.ServiceProvider.GetRequiredService<IEventBus>();
            for (var i = 1; i <= 3; i++) bus.Publish(new DepositMade(Guid.NewGuid(), i, "EUR"));
            await db.SaveChangesAsync(ct);
            await db.Database.ExecuteSqlRawAsync($"""VACUUM ANALYZE "{MessagingModel.OutboxTable}" """, ct);
        }

        var scansBefore = await OutboxTableScansAsync(connectionString, ct);
        var relay = ActivatorUtilities.CreateInstance<OutboxRelay<LedgerDbContext>>(bank.Services);
        Assert.Equal(3, (await relay.ShipBatchAsync(200, ct)).Shipped);
        Assert.Equal(0, (await relay.ShipBatchAsync(200, ct)).Shipped);

        Assert.Equal(scansBefore, await OutboxTableScansAsync(connectionString, ct));
    }

    /// <summary>
    /// How many sequential scans of the outbox PostgreSQL has counted. A backend reports its counts when it
    /// ends at the latest (from version 15 before it leaves <c>pg_stat_activity</c>), so the pools are closed
    /// first and the count is read once no other backend is left.
    /// </summary>
    private static async Task<long> OutboxTableScansAsync(string connectionString, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var others = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await MessagingSystem.WaitUntilAsync(async () => (long)(await others.ExecuteScalarAsync(cancellationToken))! == 0, TimeSpan.FromSeconds(20), "the test's other connections closed");
        await using var scans = new NpgsqlCommand($"SELECT seq_scan FROM pg_stat_user_tables WHERE relname = '{MessagingModel.OutboxTable}'", connection);
        return (long)(await scans.ExecuteScalarAsync(cancellationToken))!;
    }
}
