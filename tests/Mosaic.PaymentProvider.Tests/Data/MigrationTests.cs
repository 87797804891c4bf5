using Microsoft.Extensions.DependencyInjection;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Data;
using Mosaic.PaymentProvider.Domain;
using Mosaic.PaymentProvider.Tests.Support;

namespace Mosaic.PaymentProvider.Tests.Data;

/// <summary>The ledger's migrations on an empty database of the provider this run uses (SQLite, or PostgreSQL with MOSAIC_TEST_DATABASE=postgresql).</summary>
public sealed class MigrationTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_an_empty_database_they_build_exactly_the_schema_the_model_maps()
    {
        using var provider = new ProviderFactory();
        provider.StartServer();
        await using var scope = provider.Services.CreateAsyncScope();

        await MigratedSchema.AssertMatchesModelAsync(scope.ServiceProvider.GetRequiredService<LedgerDbContext>(), Cancel);
    }

    [Fact]
    public async Task Charges_are_read_back_exactly_as_they_were_written()
    {
        using var provider = new ProviderFactory();
        provider.StartServer();
        // The ledger keeps times to the millisecond.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        await RoundTrip.AssertReadBackAsWrittenAsync<LedgerDbContext>(provider.Services, db =>
        {
            var refunded = Charge.Attempt(Charge.NewId(), new string('k', 200), new string('f', 64), 12345, "EUR", TestTokens.Ok, "order-Ünïcode", now);
            refunded.Refund(now.AddMinutes(1));
            db.Charges.AddRange(refunded, Charge.Attempt(Charge.NewId(), "key-declined", new string('0', 64), 1, "USD", TestTokens.Declined, null, now));
        }, Cancel);
    }
}
