using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mosaic.Orders.Contracts.Events;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Contracts;
using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Api;

/// <summary>GET /payments/{orderId}: for admins, to see what became of an order's payment.</summary>
public sealed class GetPaymentTests : IAsyncLifetime
{
    private readonly PaymentsSystem system = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await system.StartAsync();

    public ValueTask DisposeAsync() => system.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(Guid orderId, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/payments/{orderId}");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await system.CreateClient().SendAsync(request, Cancel);
    }

    [Fact]
    public async Task An_admin_sees_the_payment_of_an_order()
    {
        var orderId = Guid.NewGuid();
        await system.HandleAsync(new PaymentRequested(orderId, Guid.NewGuid(), 1234, TestTokens.Ok));

        var response = await GetAsync(orderId, system.Tokens.Admin());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payment = await response.Content.ReadFromJsonAsync<PaymentResponse>(Cancel);
        var charge = Assert.Single(await system.Provider.LedgerAsync(orderId));
        Assert.Equal((orderId, 1234L, PaymentStatuses.Succeeded, charge.Id), (payment!.OrderId, payment.AmountCents, payment.Status, payment.ChargeId));
    }

    [Fact]
    public async Task A_customer_is_403_and_no_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(Guid.NewGuid(), system.Tokens.Customer())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(Guid.NewGuid(), null)).StatusCode);
    }

    [Fact]
    public async Task An_order_without_a_payment_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(Guid.NewGuid(), system.Tokens.Admin())).StatusCode);
    }
}
