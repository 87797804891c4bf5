using System.Net;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Tests.Support;
using static Mosaic.PaymentProvider.Tests.Support.ChargeRequests;

namespace Mosaic.PaymentProvider.Tests.Api;

/// <summary>POST /charges: outcomes by token, what it refuses, and one charge per idempotency key.</summary>
public sealed class ChargingTests(ProviderFactory factory) : IClassFixture<ProviderFactory>
{
    private readonly HttpClient client = factory.CreateClient();

    private static string NewKey() => $"key-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_good_token_is_charged_201_with_the_charge()
    {
        var key = NewKey();
        var response = await client.ChargeAsync(key, Charge(TestTokens.Ok, 4299, "EUR", "order-42"));

        var charge = await response.ReadJson<ChargeResponse>(HttpStatusCode.Created);
        Assert.StartsWith("ch_", charge.Id, StringComparison.Ordinal);
        Assert.Equal(ChargeStatuses.Succeeded, charge.Status);
        Assert.Equal(4299, charge.AmountCents);
        Assert.Equal("EUR", charge.Currency);
        Assert.Equal("order-42", charge.Reference);
        Assert.Equal(key, charge.IdempotencyKey);
        Assert.Null(charge.DeclineCode);
        Assert.Equal($"/charges/{charge.Id}", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains(ProviderHeaders.IdempotentReplayed));
    }

    [Theory]
    [InlineData(TestTokens.Declined, DeclineCodes.CardDeclined)]
    [InlineData("tok_stolen", DeclineCodes.InvalidToken)]
    [InlineData("4111111111111111", DeclineCodes.InvalidToken)]
    public async Task Other_tokens_are_declined_402_with_the_charge_and_its_code(string token, string declineCode)
    {
        var key = NewKey();
        var response = await client.ChargeAsync(key, Charge(token));

        var charge = await response.ReadJson<ChargeResponse>(HttpStatusCode.PaymentRequired);
        Assert.Equal(ChargeStatuses.Declined, charge.Status);
        Assert.Equal(declineCode, charge.DeclineCode);
        Assert.Equal(key, charge.IdempotencyKey);
        Assert.Single(await client.LedgerAsync($"?idempotencyKey={key}"));
    }

    [Fact]
    public async Task A_charge_without_an_idempotency_key_is_400_naming_the_header()
    {
        var response = await client.ChargeAsync(null, Charge());

        await response.AssertInvalidField(ProviderHeaders.IdempotencyKey);
    }

    [Fact]
    public async Task An_idempotency_key_over_200_characters_is_400()
    {
        var response = await client.ChargeAsync(new string('k', 201), Charge());

        await response.AssertInvalidField(ProviderHeaders.IdempotencyKey);
    }

    [Theory]
    [InlineData(0L, "EUR", "tok_ok", "amountCents")]
    [InlineData(100_000_001L, "EUR", "tok_ok", "amountCents")]
    [InlineData(100L, "eur", "tok_ok", "currency")]
    [InlineData(100L, "EURO", "tok_ok", "currency")]
    [InlineData(100L, "EUR", "", "token")]
    public async Task Bad_fields_are_400_naming_them(long amountCents, string currency, string token, string field)
    {
        var response = await client.ChargeAsync(NewKey(), new { amountCents, currency, token });

        await response.AssertInvalidField(field);
    }

    [Fact]
    public async Task A_missing_amount_is_400_naming_it_rather_than_a_charge_of_zero()
    {
        var response = await client.ChargeAsync(NewKey(), new { currency = "EUR", token = TestTokens.Ok });

        await response.AssertInvalidField("amountCents");
    }

    [Fact]
    public async Task The_same_request_again_replays_the_first_charge_without_a_new_one()
    {
        var key = NewKey();
        var first = await (await client.ChargeAsync(key, Charge(reference: key))).ReadJson<ChargeResponse>(HttpStatusCode.Created);

        var again = await client.ChargeAsync(key, Charge(reference: key));

        var replayed = await again.ReadJson<ChargeResponse>(HttpStatusCode.Created);
        Assert.Equal(first, replayed);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues(ProviderHeaders.IdempotentReplayed)));
        Assert.Single(await client.LedgerAsync($"?reference={key}"));
    }

    [Fact]
    public async Task A_declined_charge_replays_as_the_same_402()
    {
        var key = NewKey();
        var first = await (await client.ChargeAsync(key, Charge(TestTokens.Declined))).ReadJson<ChargeResponse>(HttpStatusCode.PaymentRequired);

        var again = await client.ChargeAsync(key, Charge(TestTokens.Declined));

        Assert.Equal(first, await again.ReadJson<ChargeResponse>(HttpStatusCode.PaymentRequired));
        Assert.True(again.Headers.Contains(ProviderHeaders.IdempotentReplayed));
    }

    [Theory]
    [InlineData(TestTokens.Ok, 5000L, "EUR")]
    [InlineData(TestTokens.Declined, 4299L, "EUR")]
    [InlineData(TestTokens.Ok, 4299L, "USD")]
    public async Task A_different_request_under_a_used_key_is_422_and_charges_nothing(string token, long amountCents, string currency)
    {
        var key = NewKey();
        (await client.ChargeAsync(key, Charge(TestTokens.Ok, 4299, "EUR", key))).EnsureSuccessStatusCode();

        var response = await client.ChargeAsync(key, Charge(token, amountCents, currency, key));

        var problem = await response.AssertProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(ProviderHeaders.IdempotencyKey, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var only = Assert.Single(await client.LedgerAsync($"?idempotencyKey={key}"));
        Assert.Equal(4299, only.AmountCents);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_charge_and_all_get_it()
    {
        var key = NewKey();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.ChargeAsync(key, Charge(reference: key))));

        var charges = await Task.WhenAll(responses.Select(r => r.ReadJson<ChargeResponse>(HttpStatusCode.Created)));
        Assert.Single(charges.Select(c => c.Id).Distinct());
        Assert.Single(await client.LedgerAsync($"?idempotencyKey={key}"));
        Assert.Equal(19, responses.Count(r => r.Headers.Contains(ProviderHeaders.IdempotentReplayed)));
    }
}
