using System.Net;
using System.Net.Http.Json;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Tests.Support;
using static Mosaic.PaymentProvider.Tests.Support.ChargeRequests;

namespace Mosaic.PaymentProvider.Tests.Api;

/// <summary>Faults set at run time through /admin/faults, and what callers of /charges see of them. A fresh simulator per test.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly ProviderFactory factory = new();
    private readonly HttpClient client;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public FaultTests() => client = factory.CreateClient();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private async Task<FaultSettings> SetAsync(object faults) =>
        await (await client.PutAsJsonAsync("/admin/faults", faults, Cancel)).ReadJson<FaultSettings>();

    private async Task<FaultSettings> GetAsync() =>
        await (await client.GetAsync("/admin/faults", Cancel)).ReadJson<FaultSettings>();

    [Fact]
    public async Task There_are_no_faults_until_some_are_set_and_a_delete_clears_them()
    {
        Assert.Equal(FaultSettings.None, await GetAsync());

        var set = await SetAsync(new { latencyMs = 250, errorRate = 0.25, outage = true, errorAfterCharge = true });

        var expected = new FaultSettings { LatencyMs = 250, ErrorRate = 0.25, Outage = true, ErrorAfterCharge = true };
        Assert.Equal(expected, set);
        Assert.Equal(expected, await GetAsync());
        Assert.Equal(FaultSettings.None, await (await client.DeleteAsync("/admin/faults", Cancel)).ReadJson<FaultSettings>());
        Assert.Equal(FaultSettings.None, await GetAsync());
    }

    [Fact]
    public async Task Latency_is_applied_and_the_charge_still_goes_through()
    {
        await SetAsync(new { latencyMs = 50 });

        Assert.Equal(50, (await GetAsync()).LatencyMs);
        await (await client.ChargeAsync("key-slow", Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData(-1, 0.0, "latencyMs")]
    [InlineData(60_001, 0.0, "latencyMs")]
    [InlineData(0, -0.1, "errorRate")]
    [InlineData(0, 1.5, "errorRate")]
    public async Task Out_of_range_faults_are_400_naming_the_field_and_change_nothing(int latencyMs, double errorRate, string field)
    {
        var response = await client.PutAsJsonAsync("/admin/faults", new { latencyMs, errorRate }, Cancel);

        await response.AssertInvalidField(field);
        Assert.Equal(FaultSettings.None, await GetAsync());
    }

    [Fact]
    public async Task During_an_outage_charges_and_refunds_are_503_and_nothing_is_charged_but_the_ledger_can_be_read()
    {
        var charged = await (await client.ChargeAsync("key-before", Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);
        await SetAsync(new { outage = true });

        await (await client.ChargeAsync("key-outage", Charge())).AssertProblem(HttpStatusCode.ServiceUnavailable);
        await (await client.PostAsync($"/charges/{charged.Id}/refund", null, Cancel)).AssertProblem(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(charged, Assert.Single(await client.LedgerAsync()));
        Assert.Equal(charged, await (await client.GetAsync($"/charges/{charged.Id}", Cancel)).ReadJson<ChargeResponse>());
    }

    [Fact]
    public async Task An_error_rate_of_one_fails_every_charge_with_500_before_charging()
    {
        await SetAsync(new { errorRate = 1.0 });

        for (var i = 0; i < 3; i++)
            await (await client.ChargeAsync($"key-error-{i}", Charge())).AssertProblem(HttpStatusCode.InternalServerError);

        Assert.Empty(await client.LedgerAsync());
    }

    [Fact]
    public async Task An_error_after_the_charge_hides_a_charge_that_the_idempotency_key_then_recovers()
    {
        await SetAsync(new { errorRate = 1.0, errorAfterCharge = true });

        await (await client.ChargeAsync("key-lost-answer", Charge())).AssertProblem(HttpStatusCode.InternalServerError);
        await (await client.ChargeAsync("key-lost-answer", Charge())).AssertProblem(HttpStatusCode.InternalServerError);

        var recorded = Assert.Single(await client.LedgerAsync());
        Assert.Equal("key-lost-answer", recorded.IdempotencyKey);
        Assert.Equal(ChargeStatuses.Succeeded, recorded.Status);

        await client.DeleteAsync("/admin/faults", Cancel);
        var retry = await client.ChargeAsync("key-lost-answer", Charge());
        Assert.Equal(recorded, await retry.ReadJson<ChargeResponse>(HttpStatusCode.Created));
        Assert.True(retry.Headers.Contains(ProviderHeaders.IdempotentReplayed));
        Assert.Single(await client.LedgerAsync());
    }

    [Fact]
    public async Task The_admin_api_itself_is_not_subject_to_the_faults()
    {
        await SetAsync(new { outage = true, errorRate = 1.0 });

        Assert.True((await GetAsync()).Outage);
        Assert.Equal(FaultSettings.None, await (await client.DeleteAsync("/admin/faults", Cancel)).ReadJson<FaultSettings>());
        await (await client.ChargeAsync("key-after", Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);
    }
}
