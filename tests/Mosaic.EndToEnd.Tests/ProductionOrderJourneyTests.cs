using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// The order journey on the production profile — PostgreSQL and RabbitMQ — and what it must survive
/// there: its database server restarting under it.
/// </summary>
[Collection(ProductionCollection.Name)]
public sealed class ProductionOrderJourneyTests : OrderJourneyTests
{
    private readonly ProductionSystem production;

    public ProductionOrderJourneyTests(ProductionSystem system)
        : base(system)
    {
        production = system;
        system.Require();
    }

    [Fact]
    public async Task Status_shows_every_service_on_its_own_PostgreSQL_database_and_the_messaging_services_on_RabbitMQ()
    {
        var instances = await System.StatusAsync();

        var databases = new HashSet<string>();
        foreach (var instance in instances.Where(i => i.GetProperty("service").GetString() != "gateway"))
        {
            var database = instance.GetProperty("database");
            Assert.Equal("postgresql", database.GetProperty("provider").GetString());
            var location = database.GetProperty("location").GetString()!;
            Assert.StartsWith($"127.0.0.1:{ProductionSystem.PostgresPort}/", location);
            databases.Add($"{instance.GetProperty("service").GetString()} {location}");
        }
        // One database per service (instances of a service share theirs), none shared between services.
        Assert.Equal(databases.Select(d => d.Split(' ')[1]).Distinct().Count(), databases.Count);
        foreach (var service in (string[])["orders", "catalog", "payments"])
            Assert.All(instances.Where(i => i.GetProperty("service").GetString() == service),
                i => Assert.Equal("rabbitmq", i.GetProperty("transport").GetString()));
    }

    [Fact]
    public async Task A_PostgreSQL_restart_while_orders_are_placed_loses_no_accepted_order()
    {
        const int Orders = 60;
        const int RestartAfter = 15;
        var product = await shop.NewProductAsync(stock: 1000, price: 1.00m);
        // One shopper, logged in before the four tabs race.
        await shop.CustomerAsync();
        var accepted = new ConcurrentBag<Guid>();
        var refusedDuringRestart = 0;
        var placed = 0;
        Task? restart = null;

        // Four shoppers at once, each order tried once: an order the system could not take while its
        // database was down must be refused (503, or 502 from the gateway), never half-taken.
        using var shoppers = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, Orders).Select(async _ =>
        {
            await shoppers.WaitAsync(Ct);
            try
            {
                using var response = await shop.PlaceAsync(product, 1, "tok_ok");
                if (response.StatusCode == HttpStatusCode.Accepted)
                    accepted.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
                else if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway)
                    Interlocked.Increment(ref refusedDuringRestart);
                else
                    Assert.Fail($"Placing an order answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
                if (Interlocked.Increment(ref placed) == RestartAfter)
                    restart = production.Servers.RequirePostgres().RestartAsync(Ct);
                await Task.Delay(100, Ct);
            }
            finally
            {
                shoppers.Release();
            }
        }));
        Assert.NotNull(restart);
        await restart;

        // And once the database is back, new orders are taken again: a shopper who got a 503 during the
        // restart tries again with the same key, as Retry-After tells them to, and gets through.
        accepted.Add(await PlaceRetryingAsync(product));
        var ids = accepted.ToList();
        var orders = await Task.WhenAll(ids.Select(id => shop.TerminalAsync(id, TimeSpan.FromSeconds(120))));

        Assert.True(ids.Count + refusedDuringRestart == Orders + 1, $"{ids.Count} accepted and {refusedDuringRestart} refused of {Orders + 1}");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Each order either confirmed with exactly one charge standing, or cancelled with none.
        foreach (var (id, order) in ids.Zip(orders))
        {
            var standing = (await shop.ChargesForAsync(id)).Count(c => c.GetProperty("status").GetString() == "succeeded");
            Assert.Equal(order.GetProperty("status").GetString() == "Confirmed" ? 1 : 0, standing);
        }
        var confirmed = orders.Count(o => o.GetProperty("status").GetString() == "Confirmed");
        await WaitForAvailableAsync(product, 1000 - confirmed);
    }

    private async Task<Guid> PlaceRetryingAsync(Guid product)
    {
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            using var response = await shop.PlaceAsync(product, 1, "tok_ok", key);
            if (response.StatusCode == HttpStatusCode.Accepted)
                return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
            Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway && attempt < 30,
                $"Placing an order after the restart answered {(int)response.StatusCode} on attempt {attempt}: {await response.Content.ReadAsStringAsync(Ct)}");
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }
    }
}
