using System.Net;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Tests.Support;
using static Mosaic.PaymentProvider.Tests.Support.ChargeRequests;

namespace Mosaic.PaymentProvider.Tests.Api;

/// <summary>The ledger: listing and filtering charges, reading one, refunding, and surviving a restart.</summary>
public sealed class LedgerTests(ProviderFactory factory) : IClassFixture<ProviderFactory>
{
    private readonly HttpClient client = factory.CreateClient();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<ChargeResponse> ChargedAsync(string reference, string token = TestTokens.Ok, long amountCents = 1000)
    {
        var response = await client.ChargeAsync($"key-{Guid.NewGuid():N}", Charge(token, amountCents, "EUR", reference));
        return await response.ReadJson<ChargeResponse>(token == TestTokens.Ok ? HttpStatusCode.Created : HttpStatusCode.PaymentRequired);
    }

    [Fact]
    public async Task The_ledger_lists_charges_newest_first_and_filters_by_reference_and_key()
    {
        var reference = $"order-{Guid.NewGuid():N}";
        var first = await ChargedAsync(reference, amountCents: 100);
        var second = await ChargedAsync(reference, TestTokens.Declined, amountCents: 200);
        var third = await ChargedAsync(reference, amountCents: 300);
        var other = await ChargedAsync($"order-{Guid.NewGuid():N}");

        var all = await client.LedgerAsync();
        Assert.Contains(all, c => c.Id == other.Id);
        Assert.Equal(all.OrderByDescending(c => c.CreatedAt).Select(c => c.CreatedAt), all.Select(c => c.CreatedAt));

        var forReference = await client.LedgerAsync($"?reference={reference}");
        Assert.Equal([third.Id, second.Id, first.Id], forReference.Select(c => c.Id));

        var forKey = await client.LedgerAsync($"?idempotencyKey={second.IdempotencyKey}");
        Assert.Equal(second, Assert.Single(forKey));

        Assert.Empty(await client.LedgerAsync("?idempotencyKey=never-used"));
    }

    [Fact]
    public async Task A_charge_can_be_read_by_id_and_an_unknown_one_is_404()
    {
        var charge = await ChargedAsync("order-read");

        Assert.Equal(charge, await (await client.GetAsync($"/charges/{charge.Id}", Cancel)).ReadJson<ChargeResponse>());
        await (await client.GetAsync("/charges/ch_nope", Cancel)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_refund_gives_the_money_back_once_however_often_it_is_asked_for()
    {
        var charge = await ChargedAsync("order-refund");

        var refunded = await (await client.PostAsync($"/charges/{charge.Id}/refund", null, Cancel)).ReadJson<ChargeResponse>();
        var again = await (await client.PostAsync($"/charges/{charge.Id}/refund", null, Cancel)).ReadJson<ChargeResponse>();

        Assert.Equal(ChargeStatuses.Refunded, refunded.Status);
        Assert.NotNull(refunded.RefundedAt);
        Assert.Equal(refunded, again);
        Assert.Equal(refunded, await (await client.GetAsync($"/charges/{charge.Id}", Cancel)).ReadJson<ChargeResponse>());
    }

    [Fact]
    public async Task A_declined_charge_cannot_be_refunded()
    {
        var charge = await ChargedAsync("order-declined", TestTokens.Declined);

        await (await client.PostAsync($"/charges/{charge.Id}/refund", null, Cancel)).AssertProblem(HttpStatusCode.Conflict);
        Assert.Equal(ChargeStatuses.Declined, (await (await client.GetAsync($"/charges/{charge.Id}", Cancel)).ReadJson<ChargeResponse>()).Status);
    }

    [Fact]
    public async Task Refunding_an_unknown_charge_is_404()
    {
        await (await client.PostAsync("/charges/ch_nope/refund", null, Cancel)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_replay_after_a_refund_still_returns_the_one_charge_as_it_now_stands()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var charge = await (await client.ChargeAsync(key, Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);
        (await client.PostAsync($"/charges/{charge.Id}/refund", null, Cancel)).EnsureSuccessStatusCode();

        var replayed = await (await client.ChargeAsync(key, Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);

        Assert.Equal(charge.Id, replayed.Id);
        Assert.Equal(ChargeStatuses.Refunded, replayed.Status);
        Assert.Single(await client.LedgerAsync($"?idempotencyKey={key}"));
    }

    [Fact]
    public async Task The_ledger_survives_a_restart()
    {
        var state = Directory.CreateTempSubdirectory("mosaic-provider-restart-").FullName;
        await using var database = await TestDatabase.CreateAsync("payment-provider", Cancel);
        try
        {
            ChargeResponse charge;
            await using (var first = ProviderFactory.On(state, database))
            {
                charge = await (await first.CreateClient().ChargeAsync("key-restart", Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);
            }

            await using var restarted = ProviderFactory.On(state, database);
            var after = restarted.CreateClient();
            Assert.Equal(charge, Assert.Single(await after.LedgerAsync()));
            var replay = await after.ChargeAsync("key-restart", Charge());
            Assert.Equal(charge.Id, (await replay.ReadJson<ChargeResponse>(HttpStatusCode.Created)).Id);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }
}
