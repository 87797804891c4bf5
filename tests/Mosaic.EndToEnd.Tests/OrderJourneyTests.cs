using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// The order process across real processes — orders, catalog, payments, the payment provider and the
/// message transport — started with <c>./mosaic up</c> and driven through the gateway: once on the
/// embedded profile and once on the production one.
/// </summary>
public abstract class OrderJourneyTests(MosaicSystem system) : IDisposable
{
    protected static readonly TimeSpan Settles = TimeSpan.FromSeconds(60);
    private protected readonly OrderShop shop = new(system.Environment);

    protected MosaicSystem System { get; } = system;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        shop.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_paid_order_is_confirmed_and_its_units_are_sold()
    {
        var product = await shop.NewProductAsync(stock: 5);

        var id = await shop.PlaceAcceptedAsync(product, 2, "tok_ok");
        var order = await shop.TerminalAsync(id, Settles);

        Assert.Equal("Confirmed", order.GetProperty("status").GetString());
        Assert.Contains(order.GetProperty("history").EnumerateArray(), h => h.GetProperty("status").GetString() == "AwaitingPayment");
        Assert.Equal(3, await shop.AvailableAsync(product));
        var charge = Assert.Single(await shop.ChargesForAsync(id));
        Assert.Equal("succeeded", charge.GetProperty("status").GetString());
        Assert.Equal(2500, charge.GetProperty("amountCents").GetInt64());
    }

    [Fact]
    public async Task A_declined_payment_cancels_the_order_and_gives_the_stock_back()
    {
        var product = await shop.NewProductAsync(stock: 4);

        var id = await shop.PlaceAcceptedAsync(product, 3, "tok_declined");
        var order = await shop.TerminalAsync(id, Settles);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.Equal("payment-declined", order.GetProperty("reason").GetString());
        await WaitForAvailableAsync(product, 4);
    }

    [Fact]
    public async Task Asking_for_more_than_is_available_cancels_the_order_as_out_of_stock()
    {
        var product = await shop.NewProductAsync(stock: 2);

        var id = await shop.PlaceAcceptedAsync(product, 3, "tok_ok");
        var order = await shop.TerminalAsync(id, Settles);

        Assert.Equal("Cancelled", order.GetProperty("status").GetString());
        Assert.Equal("out-of-stock", order.GetProperty("reason").GetString());
        Assert.Equal(2, await shop.AvailableAsync(product));
        Assert.Empty(await shop.ChargesForAsync(id));
    }

    [Fact]
    public async Task Thirty_shoppers_racing_for_ten_units_get_exactly_ten_confirmed_orders()
    {
        var product = await shop.NewProductAsync(stock: 10);
        await shop.CustomerAsync();
        var lowest = int.MaxValue;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                lowest = Math.Min(lowest, await shop.AvailableAsync(product));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        var ids = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => shop.PlaceAcceptedAsync(product, 1, "tok_ok")));
        var orders = await Task.WhenAll(ids.Select(id => shop.TerminalAsync(id, Settles)));
        await watching.CancelAsync();
        await watcher;

        Assert.Equal(10, orders.Count(o => o.GetProperty("status").GetString() == "Confirmed"));
        Assert.All(orders.Where(o => o.GetProperty("status").GetString() == "Cancelled"),
            o => Assert.Equal("out-of-stock", o.GetProperty("reason").GetString()));
        Assert.Equal(0, await shop.AvailableAsync(product));
        Assert.True(lowest >= 0, $"available went down to {lowest}");
    }

    [Fact]
    public async Task The_same_idempotency_key_gives_one_order_and_one_charge()
    {
        var product = await shop.NewProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString("N");

        var first = await shop.PlaceAcceptedAsync(product, 1, "tok_ok", key);
        var second = await shop.PlaceAcceptedAsync(product, 1, "tok_ok", key);
        var changed = await shop.PlaceAsync(product, 2, "tok_ok", key);

        Assert.Equal(first, second);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("Confirmed", (await shop.TerminalAsync(first, Settles)).GetProperty("status").GetString());
        Assert.Single(await shop.ChargesForAsync(first));
        Assert.Equal(4, await shop.AvailableAsync(product));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("catalog")]
    [InlineData("payments")]
    public async Task Killing_a_service_mid_flight_loses_no_order_and_charges_none_twice(string service)
    {
        var product = await shop.NewProductAsync(stock: 1000, price: 1.00m);
        // Slow payments down so that orders are still in flight when the process dies.
        await shop.SetProviderFaultsAsync(new { latencyMs = 150 });
        try
        {
            var placing = Task.Run(async () =>
            {
                var placed = new List<Guid>();
                for (var i = 0; i < 20; i++)
                {
                    // While orders is down the gateway answers 502/503; a shopper would try again with the same key.
                    var key = Guid.NewGuid().ToString("N");
                    for (var attempt = 0; ; attempt++)
                    {
                        var response = await shop.PlaceAsync(product, 1, "tok_ok", key);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            placed.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
                            break;
                        }
                        Assert.True(attempt < 100, $"order {i} was never accepted: {(int)response.StatusCode}");
                        await Task.Delay(200, Ct);
                    }
                    await Task.Delay(50, Ct);
                }
                return placed;
            }, Ct);

            await Task.Delay(600, Ct);
            System.Kill(service);
            var ids = await placing;

            var orders = await Task.WhenAll(ids.Select(id => shop.TerminalAsync(id, TimeSpan.FromSeconds(120))));
            Assert.Equal(20, ids.Distinct().Count());
            foreach (var (id, order) in ids.Zip(orders))
            {
                var charges = await shop.ChargesForAsync(id);
                var succeeded = charges.Where(c => c.GetProperty("status").GetString() is "succeeded" or "refunded").ToList();
                Assert.True(succeeded.Count <= 1, $"order {id} was charged {succeeded.Count} times");
                if (order.GetProperty("status").GetString() == "Confirmed")
                    Assert.Equal("succeeded", Assert.Single(succeeded).GetProperty("status").GetString());
            }
            var confirmed = orders.Count(o => o.GetProperty("status").GetString() == "Confirmed");
            await WaitForAvailableAsync(product, 1000 - confirmed);
        }
        finally
        {
            await shop.ResetProviderFaultsAsync();
        }
    }

    protected async Task WaitForAvailableAsync(Guid product, int expected)
    {
        var deadline = DateTime.UtcNow + Settles;
        int available;
        while ((available = await shop.AvailableAsync(product)) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"available stayed {available}, expected {expected}");
            await Task.Delay(200, Ct);
        }
    }
}
