using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Data;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Tests.Messaging.Support;

/// <summary>
/// Two services on one embedded bus in one state folder: <c>bank</c> publishes deposits from an HTTP
/// endpoint, <c>audit</c> consumes them (v2, and v1 through an upcaster) and publishes an audit event
/// that bank consumes. Each can be started, stopped and started again like a process, and keeps
/// its database across restarts (a SQLite file in the state folder, or a PostgreSQL database of its
/// own: see <see cref="TestDatabase"/>).
/// </summary>
internal sealed class MessagingSystem : IAsyncDisposable
{
    private readonly List<WebApplication> running = [];
    private readonly Dictionary<string, TestDatabase> databases = [];
    private readonly Dictionary<string, (int Port, int ManagementPort)> ports = new()
    {
        ["bank"] = (FreePort.Next(), FreePort.Next()),
        ["audit"] = (FreePort.Next(), FreePort.Next()),
    };

    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("mosaic-messaging-test-").FullName;

    public string Manifest => Path.Combine(StateDirectory, "mosaic.yaml");

    public HandlerScript BankScript { get; } = new();

    public HandlerScript AuditScript { get; } = new();

    /// <summary>The services' database: <see cref="TestDatabase.Provider"/> unless a test names one.</summary>
    public string? DatabaseProvider { get; init; }

    /// <summary>Settings every host gets; a test adds its own before starting.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Mosaic:Messaging:RetryBaseDelay"] = "00:00:00.020",
        ["Mosaic:Messaging:RetryMaxDelay"] = "00:00:00.100",
        ["Mosaic:Messaging:OutboxPollInterval"] = "00:00:00.050",
        ["Mosaic:ShutdownTimeout"] = "00:00:05",
    };

    public async Task<WebApplication> StartBankAsync(bool start = true)
    {
        var app = await BuildAsync("bank", BankScript, m => m
            .Publishes<DepositMade>(LedgerEvents.DepositMade)
            .Consumes<DepositAudited, DepositAuditedHandler>(LedgerEvents.DepositAudited));
        app.MapPost("/deposits", async (DepositMade deposit, IEventBus bus, LedgerDbContext db, CancellationToken ct) =>
        {
            bus.Publish(deposit);
            await db.SaveChangesAsync(ct);
            return Results.Accepted();
        });
        if (start) await StartAsync(app);
        return app;
    }

    public async Task<WebApplication> StartAuditAsync()
    {
        var app = await BuildAsync("audit", AuditScript, m => m
            .Publishes<DepositAudited>(LedgerEvents.DepositAudited)
            .Consumes<DepositMade, DepositMadeHandler>(LedgerEvents.DepositMade)
            .Upcasts<DepositMadeV1, DepositMade>(LedgerEvents.DepositMadeV1, old => new DepositMade(old.AccountId, old.AmountCents, "EUR")));
        await StartAsync(app);
        return app;
    }

    public HttpClient ApiOf(string service) => new() { BaseAddress = new Uri($"http://127.0.0.1:{ports[service].Port}") };

    public HttpClient ManagementOf(string service) => new() { BaseAddress = new Uri($"http://127.0.0.1:{ports[service].ManagementPort}") };

    /// <summary>A transport of its own on the same bus, as another process would have.</summary>
    public static IMessageTransport OpenBus(WebApplication app) => app.Services.GetRequiredService<IMessageTransport>();

    public static async Task<int> CountEffectsAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Effects.CountAsync();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="within"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {within.TotalSeconds:0} s waiting until {what}.");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public async Task StopAsync(WebApplication app)
    {
        running.Remove(app);
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Starts the host and waits until it reports ready, as <c>mosaic up</c> does: its queue is declared by then.</summary>
    public async Task StartAsync(WebApplication app)
    {
        await app.StartAsync();
        running.Add(app);
        var service = app.Services.GetRequiredService<Mosaic.Platform.Hosting.ServiceIdentity>().Service;
        using var management = ManagementOf(service);
        await WaitUntilAsync(async () => (await management.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode,
            TimeSpan.FromSeconds(20), $"{service} is ready");
    }

    private async Task<WebApplication> BuildAsync(string service, HandlerScript script, Action<MessagingBuilder> messaging)
    {
        if (!File.Exists(Manifest))
        {
            await File.WriteAllTextAsync(Manifest, $"""
                services:
                  bank:
                    project: src/bank
                    port: {ports["bank"].Port}
                    managementPort: {ports["bank"].ManagementPort}
                  audit:
                    project: src/audit
                    port: {ports["audit"].Port}
                    managementPort: {ports["audit"].ManagementPort}
                """);
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Manifest"] = Manifest,
            ["Mosaic:StateDirectory"] = StateDirectory,
            ["Mosaic:Security:MutualTls"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(Settings);
        if (!databases.TryGetValue(service, out var database))
            databases[service] = database = await TestDatabase.CreateAsync(service, TestContext.Current.CancellationToken, DatabaseProvider);
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.AddMosaic(service);
        builder.AddMosaicDatabase<LedgerDbContext>();
        builder.AddMosaicMessaging<LedgerDbContext>(messaging);
        builder.Services.AddSingleton(script);
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        BankScript.Release.TrySetResult();
        AuditScript.Release.TrySetResult();
        foreach (var app in running.ToList())
        {
            try
            {
                await StopAsync(app);
            }
            catch (ObjectDisposedException)
            {
                // A test already took it down the hard way.
            }
        }
        foreach (var database in databases.Values) await database.DisposeAsync();
        try { Directory.Delete(StateDirectory, recursive: true); }
        catch (IOException) { }
    }
}
