using System.Net.Http.Json;
using Mosaic.Orders.Contracts;
using static Mosaic.Tests.Shared.HttpAssertions;

namespace Mosaic.Orders.Tests.Support;

/// <summary>A signed-in customer talking to the orders API.</summary>
public sealed class Shopper(Guid id, HttpClient client, string token)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public Guid Id { get; } = id;

    public HttpClient Client { get; } = client;

    public string Token { get; } = token;

    public static object Body(string paymentToken = "tok_ok", params (Guid ProductId, int Quantity)[] items) => new
    {
        items = items.Select(i => new { productId = i.ProductId, quantity = i.Quantity }).ToArray(),
        paymentToken,
    };

    /// <summary>POST /orders with <paramref name="idempotencyKey"/> (a fresh one when null).</summary>
    public Task<HttpResponseMessage> PlaceAsync(object body, string? idempotencyKey = null)
    {
        var request = Json(HttpMethod.Post, "/orders", body, Token);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString());
        return Client.SendAsync(request, Cancel);
    }

    /// <summary>Places an order that must be accepted, and returns its id.</summary>
    public async Task<Guid> PlaceAcceptedAsync(params (Guid ProductId, int Quantity)[] items)
    {
        var accepted = await (await PlaceAsync(Body("tok_ok", items))).ReadJson<OrderAccepted>(System.Net.HttpStatusCode.Accepted);
        return accepted.Id;
    }

    public Task<HttpResponseMessage> GetAsync(string uri) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, uri).WithBearer(Token), Cancel);

    public async Task<OrderResponse> OrderAsync(Guid orderId) => await (await GetAsync($"/orders/{orderId}")).ReadJson<OrderResponse>();

    public Task<HttpResponseMessage> CancelAsync(Guid orderId) =>
        Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/orders/{orderId}/cancel").WithBearer(Token), Cancel);

    /// <summary>Reads the order until it has <paramref name="status"/>; fails with its last state if it never gets there.</summary>
    public async Task<OrderResponse> WaitForStatusAsync(Guid orderId, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var order = await OrderAsync(orderId);
            if (order.Status == status) return order;
            Assert.True(DateTime.UtcNow < deadline, $"Order {orderId} did not become {status}; it is {order.Status} ({order.Reason}).");
            await Task.Delay(25, Cancel);
        }
    }
}
