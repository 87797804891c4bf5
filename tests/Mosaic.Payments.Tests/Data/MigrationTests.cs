using Microsoft.Extensions.DependencyInjection;
using Mosaic.Payments.Data;
using Mosaic.Payments.Domain;
using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Data;

/// <summary>Payments' migrations on an empty database of the provider this run uses (SQLite, or PostgreSQL with MOSAIC_TEST_DATABASE=postgresql).</summary>
public sealed class MigrationTests : IAsyncLifetime
{
    private readonly PaymentsSystem system = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task On_an_empty_database_they_build_exactly_the_schema_the_model_maps()
    {
        await system.StartAsync();
        await using var scope = system.Services.CreateAsyncScope();

        await MigratedSchema.AssertMatchesModelAsync(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>(), Cancel);
    }

    [Fact]
    public async Task Payments_and_messages_are_read_back_exactly_as_they_were_written()
    {
        await system.StartAsync();
        // The table keeps times to the millisecond.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        await RoundTrip.AssertReadBackAsWrittenAsync<PaymentsDbContext>(system.Services, db =>
        {
            db.Payments.Add(Payment.Succeeded(Guid.CreateVersion7(), Guid.NewGuid(), 4999, new string('c', Payment.ChargeIdMaxLength), now));
            db.Payments.Add(Payment.Declined(Guid.CreateVersion7(), Guid.NewGuid(), 1, "ch_declined", new string('d', Payment.DeclineCodeMaxLength), now));
            db.Payments.Add(Payment.Cancelled(Guid.CreateVersion7(), Guid.NewGuid(), now));
            RoundTrip.AddMessagingRows(db);
        }, Cancel);
    }
}
