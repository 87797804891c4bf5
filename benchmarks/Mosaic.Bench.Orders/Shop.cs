using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mosaic.Bench.Orders;

/// <summary>The public API, through the gateway, as a shopper and an admin use it.</summary>
public sealed class Shop(HttpClient http) : IDisposable
{
    private const string CustomerPassword = "bench-orders-2026";

    public async Task<string> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/identity/login", new { email, password }, cancellationToken);
        await EnsureAsync(response, "POST /api/identity/login", cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException("login answered without an accessToken");
    }

    /// <summary>Registers a new customer with a unique email and logs in.</summary>
    public async Task<string> NewCustomerAsync(string label, CancellationToken cancellationToken)
    {
        var email = $"bench-{label}-{Guid.NewGuid():N}@example.com";
        using var response = await http.PostAsJsonAsync("/api/identity/register",
            new { email, password = CustomerPassword, displayName = $"Bench {label}" }, cancellationToken);
        await EnsureAsync(response, "POST /api/identity/register", cancellationToken);
        return await LoginAsync(email, CustomerPassword, cancellationToken);
    }

    public async Task<Guid> NewProductAsync(string adminToken, int stock, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, "/api/catalog/products", adminToken);
        request.Content = JsonContent.Create(new
        {
            name = $"Bench item {Guid.NewGuid():N}",
            category = "bench",
            description = "A product with plenty of stock for the order benchmark.",
            price = 9.99m,
            stock,
        });
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, "POST /api/catalog/products", cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
    }

    /// <summary>POST /api/orders with one unit of <paramref name="product"/>; returns the status and the order id when accepted.</summary>
    public async Task<(int Status, Guid? Id, string? Error)> PlaceAsync(string token, Guid product, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, "/api/orders", token);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Content = JsonContent.Create(new { items = new[] { new { productId = product, quantity = 1 } }, paymentToken = "tok_ok" });
        using var response = await http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.Accepted)
            return (status, null, $"{status}: {Shorten(await response.Content.ReadAsStringAsync(cancellationToken))}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (status, body.GetProperty("id").GetGuid(), null);
    }

    /// <summary>GET /api/orders/{id}: the order, or null with the status code when it is not 200.</summary>
    public async Task<(JsonElement? Order, int Status, TimeSpan? RetryAfter)> OrderAsync(string token, Guid id, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Get, $"/api/orders/{id}", token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return (null, (int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken), 200, null);
    }

    public void Dispose() => http.Dispose();

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(cancellationToken))}");
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300];
}
