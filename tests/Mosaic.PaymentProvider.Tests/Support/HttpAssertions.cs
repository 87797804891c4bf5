using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.PaymentProvider.Tests.Support;

public static class HttpAssertions
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Asserts a problem+json answer with this status and returns its body.</summary>
    public static async Task<JsonElement> AssertProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 whose errors name <paramref name="field"/>.</summary>
    public static async Task AssertInvalidField(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No 'errors' in {problem}");
        Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for '{field}', got {errors}");
    }

    public static async Task<T> ReadJson<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty body: {body}");
    }

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
