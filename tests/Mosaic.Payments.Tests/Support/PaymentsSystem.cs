using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Mosaic.Payments.Data;
using Mosaic.Payments.Domain;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Security;

namespace Mosaic.Payments.Tests.Support;

/// <summary>
/// Payments in-process with the real provider simulator on a real port, both on one temporary
/// state folder (so one embedded bus) and each on a database of its own (see <see cref="TestDatabase"/>),
/// and a probe on that bus playing orders.
/// </summary>
internal sealed class PaymentsSystem : IAsyncDisposable
{
    private readonly int providerPort = FreePort.Next();
    private readonly int providerManagementPort = FreePort.Next();
    private WebApplicationFactory<Program>? payments;
    private TestDatabase? paymentsDatabase;
    private TestDatabase? providerDatabase;

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("mosaic-payments-tests-").FullName;

    public string Manifest => Path.Combine(StateDirectory, "mosaic.yaml");

    public ProviderHost Provider { get; private set; } = null!;

    public BusProbe Bus { get; private set; } = null!;

    public TokenIssuer Tokens { get; } = new();

    /// <summary>Settings payments starts with; a test changes them before <see cref="StartAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Mosaic:Messaging:RetryBaseDelay"] = "00:00:00.020",
        ["Mosaic:Messaging:RetryMaxDelay"] = "00:00:00.100",
        ["Mosaic:Messaging:OutboxPollInterval"] = "00:00:00.050",
        ["Mosaic:ShutdownTimeout"] = "00:00:05",
        ["Payments:Provider:ApiKey"] = ProviderHost.MerchantKey,
        ["Payments:Provider:RetryBaseDelay"] = "00:00:00.010",
        // Tests that are not about the breaker must not trip it with the failures they provoke.
        ["Payments:Provider:BreakerMinimumThroughput"] = "10000",
    };

    public IServiceProvider Services => payments?.Services ?? throw new InvalidOperationException("Start the system first.");

    public HttpClient CreateClient() => payments?.CreateClient() ?? throw new InvalidOperationException("Start the system first.");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async Task StartAsync()
    {
        await File.WriteAllTextAsync(Manifest, $"""
            name: payments-test
            services:
              payment-provider:
                project: src/Services/PaymentProvider/Mosaic.PaymentProvider
                port: {providerPort}
                managementPort: {providerManagementPort}
              payments:
                project: src/Services/Payments/Mosaic.Payments
                port: {FreePort.Next()}
                managementPort: {FreePort.Next()}
                dependsOn: [payment-provider]
            """, Cancel);
        var databases = await Task.WhenAll(TestDatabase.CreateAsync("payments", Cancel), TestDatabase.CreateAsync("payment-provider", Cancel));
        (paymentsDatabase, providerDatabase) = (databases[0], databases[1]);
        Provider = ProviderHost.Start(Manifest, StateDirectory, providerDatabase, providerPort, providerManagementPort);
        Bus = await BusProbe.StartAsync(TransportFactory.DefaultEmbeddedPath(StateDirectory));

        Settings["Mosaic:Manifest"] = Manifest;
        Settings["Mosaic:StateDirectory"] = StateDirectory;
        Settings["Mosaic:Security:MutualTls"] = "false";
        Settings["Mosaic:Endpoints:payment-provider"] = Provider.Address.ToString();
        foreach (var (key, value) in paymentsDatabase.Settings) Settings[key] = value;
        payments = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            foreach (var (key, value) in Settings) web.UseSetting(key, value);
            web.ConfigureTestServices(services =>
            {
                services.RemoveAll<ISigningKeySource>();
                services.AddSingleton<ISigningKeySource>(new TestSigningKeys(Tokens.Key));
            });
        });
        payments.StartServer();
    }

    /// <summary>Runs a handler as the platform does: in a fresh scope, then one save of the scope's DbContext.</summary>
    public async Task HandleAsync<TEvent>(TEvent @event) where TEvent : class
    {
        await using var run = await RunAsync(@event);
        await run.SaveAsync();
    }

    /// <summary>Runs a handler and leaves its unit of work unsaved, as a process that dies (or loses a race) before committing.</summary>
    public async Task<HandlerRun> RunAsync<TEvent>(TEvent @event) where TEvent : class
    {
        var scope = Services.CreateAsyncScope();
        var context = new EventContext(Guid.NewGuid(), EventTypeName.Parse("orders.test-event.v1"), "orders", DateTimeOffset.UtcNow, "test", 1);
        try
        {
            await scope.ServiceProvider.GetRequiredService<IEventHandler<TEvent>>().HandleAsync(@event, context, Cancel);
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
        return new HandlerRun(scope);
    }

    public async Task<Payment?> PaymentOfAsync(Guid orderId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().Payments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.OrderId == orderId, Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (payments is not null) await payments.DisposeAsync();
        if (Bus is not null) await Bus.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
        await Task.WhenAll(new[] { paymentsDatabase, providerDatabase }.OfType<TestDatabase>().Select(d => d.DisposeAsync().AsTask()));
        Tokens.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(StateDirectory, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>A handler's unit of work, saved (or not) when the test says so.</summary>
    internal sealed class HandlerRun(AsyncServiceScope scope) : IAsyncDisposable
    {
        public Task SaveAsync() => scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().SaveChangesAsync(Cancel);

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="within"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting until {what}.");
            await Task.Delay(25, Cancel);
        }
    }
}
