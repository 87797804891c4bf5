using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Mosaic.Orders.Data;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Security;

namespace Mosaic.Orders.Tests.Support;

/// <summary>
/// Orders in-process, on its own database (a SQLite file in a temporary state folder, or a PostgreSQL
/// database of its own: see <see cref="TestDatabase"/>) and the embedded bus in that folder, pricing
/// from a <see cref="FakeCatalog"/> on a real port and trusting tokens from <see cref="Tokens"/>.
/// </summary>
public class OrdersFactory : WebApplicationFactory<Program>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, string?> settings;
    private readonly bool shipsOutbox;
    private bool cleanedUp;

    public OrdersFactory()
        : this([])
    {
    }

    protected OrdersFactory(Dictionary<string, string?> settings, bool shipsOutbox = true)
    {
        this.settings = settings;
        this.shipsOutbox = shipsOutbox;
        StateDirectory = Directory.CreateTempSubdirectory("mosaic-orders-tests-").FullName;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public string StateDirectory { get; }

    public TestDatabase Database { get; } = TestDatabase.Create("orders");

    public TokenIssuer Tokens { get; } = new();

    public FakeCatalog Catalog { get; } = new();

    public string DatabaseFile => Path.Combine(StateDirectory, "data", "orders.db");

    public string BusFile => TransportFactory.DefaultEmbeddedPath(StateDirectory);

    /// <summary>A customer of their own, so that tests sharing this factory never see each other's orders.</summary>
    public Shopper NewShopper()
    {
        var id = Guid.NewGuid();
        return new Shopper(id, CreateClient(), Tokens.Customer(id));
    }

    /// <summary>Runs <paramref name="query"/> on a fresh DbContext of the running service.</summary>
    public async Task<T> QueryAsync<T>(Func<OrdersDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<OrdersDbContext>());
    }

    /// <summary>Waits until the service has committed its handling of message <paramref name="messageId"/> (its inbox has it).</summary>
    public Task WaitUntilHandledAsync(Guid messageId) =>
        WaitUntilAsync(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId, Cancel), $"message {messageId} to be handled");

    /// <summary>Waits until the outbox relay has handed every committed event to the bus.</summary>
    public Task WaitUntilOutboxShippedAsync() =>
        WaitUntilAsync(async db => !await db.Set<OutboxMessage>().AnyAsync(Cancel), "the outbox to be shipped");

    public async Task WaitUntilAsync(Func<OrdersDbContext, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await QueryAsync(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(20, Cancel);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As the service runs for real: in Development ASP.NET Core would answer exceptions with its developer page.
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Mosaic:StateDirectory", StateDirectory);
        foreach (var (key, value) in Database.Settings) builder.UseSetting(key, value);
        // The fake catalog speaks plain HTTP, so orders calls it without a certificate.
        builder.UseSetting("Mosaic:Security:MutualTls", "false");
        builder.UseSetting("Mosaic:Endpoints:catalog", Catalog.Url);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ISigningKeySource>();
            services.AddSingleton<ISigningKeySource>(new TestSigningKeys(Tokens.Key));
            if (!shipsOutbox)
            {
                foreach (var relay in services.Where(d => d.ImplementationType?.Name.StartsWith("OutboxRelay", StringComparison.Ordinal) == true).ToList())
                    services.Remove(relay);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Catalog.DisposeAsync();
        CleanUp();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) CleanUp();
    }

    private void CleanUp()
    {
        if (cleanedUp) return;
        cleanedUp = true;
        Tokens.Dispose();
        Database.Dispose();
        // Pooled connections keep the database files open; let them go before the folder is removed.
        SqliteConnection.ClearAllPools();
        Directory.Delete(StateDirectory, recursive: true);
    }
}

/// <summary>Orders whose payment deadline is one second, for watching the timeout sweeper act.</summary>
public sealed class ShortPaymentTimeoutFactory() : OrdersFactory(new Dictionary<string, string?>
{
    ["Orders:PaymentTimeout"] = "00:00:01",
    ["Orders:SweepInterval"] = "00:00:00.100",
});

/// <summary>Orders with catalog's address pointing at a port where nothing listens.</summary>
public sealed class CatalogDownFactory() : OrdersFactory(new Dictionary<string, string?>
{
    ["Mosaic:Endpoints:catalog"] = $"http://127.0.0.1:{FreePort.Next()}",
});

/// <summary>Orders without its outbox relay, so that what a request commits stays in the outbox to be looked at.</summary>
public sealed class OutboxHeldFactory() : OrdersFactory([], shipsOutbox: false);
