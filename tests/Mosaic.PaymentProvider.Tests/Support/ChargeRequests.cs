using System.Net.Http.Json;
using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.PaymentProvider.Tests.Support;

/// <summary>The provider's two calls, as payments makes them.</summary>
public static class ChargeRequests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>POST /charges with a key (none when null) and a body.</summary>
    public static Task<HttpResponseMessage> ChargeAsync(this HttpClient client, string? idempotencyKey, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add(ProviderHeaders.IdempotencyKey, idempotencyKey);
        return client.SendAsync(request, Cancel);
    }

    public static object Charge(string token = TestTokens.Ok, long amountCents = 4299, string currency = "EUR", string? reference = "order-1") =>
        new { amountCents, currency, token, reference };

    public static async Task<IReadOnlyList<ChargeResponse>> LedgerAsync(this HttpClient client, string query = "") =>
        await (await client.GetAsync($"/charges{query}", Cancel)).ReadJson<List<ChargeResponse>>();
}
