using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Catalog.Contracts;
using Mosaic.Identity.Contracts;

namespace Mosaic.EndToEnd.Tests;

/// <summary>A logged-in shopper and an admin against the running system, plus the provider's ledger.</summary>
internal sealed class OrderShop(string environment) : IDisposable
{
    private static readonly string[] Terminal = ["Confirmed", "Cancelled"];

    private readonly HttpClient http = new() { BaseAddress = MosaicSystem.Gateway };
    private HttpClient? providerClient;
    private string? customerToken;
    private string? adminToken;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The provider's own API (ledger, faults), reached as the operator: its certificates exist once the system is up.</summary>
    private HttpClient Provider => providerClient ??= OperatorClient.For(environment, "payment-provider");

    public async Task<string> CustomerAsync()
    {
        if (customerToken is not null) return customerToken;
        var email = $"orders-{Guid.NewGuid():N}@example.com";
        var registered = await http.PostAsJsonAsync("/api/identity/register", new RegisterRequest { Email = email, Password = "orders-pass-2026", DisplayName = "Orderer" }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return customerToken = await LoginAsync(email, "orders-pass-2026");
    }

    /// <summary>A product of our own with exactly <paramref name="stock"/> units, so other tests cannot move its numbers.</summary>
    public async Task<Guid> NewProductAsync(int stock, decimal price = 12.50m)
    {
        if (adminToken is null)
        {
            var email = $"orders-admin-{Guid.NewGuid():N}@example.com";
            var (exitCode, output) = await MosaicSystem.RunAsync("admin", "create", email, "--password", "orders-admin-2026", "--environment", environment);
            Assert.True(exitCode == 0, output);
            adminToken = await LoginAsync(email, "orders-admin-2026");
        }
        using var request = Authorized(HttpMethod.Post, "/api/catalog/products", adminToken,
            new CreateProductRequest { Name = $"E2E order item {Guid.NewGuid():N}", Category = "e2e", Price = price, Stock = stock });
        var created = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<ProductResponse>(Ct))!.Id;
    }

    public async Task<int> AvailableAsync(Guid product) =>
        (await http.GetFromJsonAsync<ProductResponse>($"/api/catalog/products/{product}", Ct))!.Available;

    public async Task<HttpResponseMessage> PlaceAsync(Guid product, int quantity, string paymentToken, string? idempotencyKey = null)
    {
        using var request = Authorized(HttpMethod.Post, "/api/orders", await CustomerAsync(),
            new { items = new[] { new { productId = product, quantity } }, paymentToken });
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString("N"));
        return await http.SendAsync(request, Ct);
    }

    /// <summary>Places an order that must be accepted and returns its id.</summary>
    public async Task<Guid> PlaceAcceptedAsync(Guid product, int quantity, string paymentToken, string? idempotencyKey = null)
    {
        var response = await PlaceAsync(product, quantity, paymentToken, idempotencyKey);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/orders/{id}", response.Headers.Location?.OriginalString);
        return id;
    }

    public async Task<JsonElement> OrderAsync(Guid id)
    {
        using var request = Authorized(HttpMethod.Get, $"/api/orders/{id}", await CustomerAsync());
        var response = await http.SendAsync(request, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET order {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Waits for the order to be Confirmed or Cancelled; a failed call while services restart is tried again.</summary>
    public async Task<JsonElement> TerminalAsync(Guid id, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var last = "never read";
        while (clock.Elapsed < within)
        {
            try
            {
                var order = await OrderAsync(id);
                last = order.GetRawText();
                if (Terminal.Contains(order.GetProperty("status").GetString())) return order;
            }
            catch (Exception e) when (e is HttpRequestException or Xunit.Sdk.XunitException)
            {
                last = e.Message;
            }
            await Task.Delay(200, Ct);
        }
        throw new TimeoutException($"Order {id} was not terminal within {within.TotalSeconds:0} s; last seen: {last}");
    }

    /// <summary>The provider's ledger entries for one order (charges made with its reference).</summary>
    public async Task<IReadOnlyList<JsonElement>> ChargesForAsync(Guid order)
    {
        var charges = await Provider.GetFromJsonAsync<JsonElement>($"/charges?reference={order}", Ct);
        var list = charges.ValueKind == JsonValueKind.Array ? charges : charges.GetProperty("items");
        return list.EnumerateArray().ToList();
    }

    public async Task SetProviderFaultsAsync(object faults) =>
        (await Provider.PutAsJsonAsync("/admin/faults", faults, Ct)).EnsureSuccessStatusCode();

    public async Task ResetProviderFaultsAsync() =>
        (await Provider.DeleteAsync("/admin/faults", Ct)).EnsureSuccessStatusCode();

    private async Task<string> LoginAsync(string email, string password)
    {
        var response = await http.PostAsJsonAsync("/api/identity/login", new LoginRequest { Email = email, Password = password }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AccessTokenResponse>(Ct))!.AccessToken;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    public void Dispose()
    {
        http.Dispose();
        providerClient?.Dispose();
    }
}
