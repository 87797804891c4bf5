using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Tests.Support;
using static Mosaic.PaymentProvider.Tests.Support.ChargeRequests;

namespace Mosaic.PaymentProvider.Tests.Api;

/// <summary>Charging and refunding take the merchant key; the ledger reads stay open for audits.</summary>
public sealed class MerchantKeyTests(ProviderFactory factory) : IClassFixture<ProviderFactory>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-key")]
    [InlineData("Basic dGVzdC1tZXJjaGFudC1rZXk6")]
    public async Task A_charge_without_the_merchant_key_is_refused_401_and_nothing_is_charged(string? authorization)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization is null ? null : AuthenticationHeaderValue.Parse(authorization);
        var key = $"key-{Guid.NewGuid():N}";

        var response = await client.ChargeAsync(key, Charge());

        var problem = await response.AssertProblem(HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderFactory.MerchantKey, problem.ToString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var ledger = await factory.CreateClient().GetFromJsonAsync<List<ChargeResponse>>($"/charges?idempotencyKey={key}", TestContext.Current.CancellationToken);
        Assert.Empty(ledger!);
    }

    [Fact]
    public async Task A_refund_without_the_merchant_key_is_refused_401()
    {
        var merchant = factory.CreateClient();
        var charge = await (await merchant.ChargeAsync($"key-{Guid.NewGuid():N}", Charge())).ReadJson<ChargeResponse>(HttpStatusCode.Created);
        var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        var response = await anonymous.PostAsync($"/charges/{charge.Id}/refund", null, TestContext.Current.CancellationToken);

        await response.AssertProblem(HttpStatusCode.Unauthorized);
    }
}
