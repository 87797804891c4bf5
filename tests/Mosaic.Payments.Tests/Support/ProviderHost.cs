extern alias provider;

using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.Payments.Tests.Support;

/// <summary>The real payment-provider simulator (its own Program) on a real Kestrel listener at a free loopback port.</summary>
internal sealed class ProviderHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<provider::Program> factory;

    private ProviderHost(WebApplicationFactory<provider::Program> factory, Uri address)
    {
        this.factory = factory;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>The merchant key the simulator takes and payments is configured with.</summary>
    public const string MerchantKey = "test-merchant-key";

    /// <summary>Straight to the simulator: its ledger and its admin API.</summary>
    public HttpClient Client { get; }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static ProviderHost Start(string manifest, string stateDirectory, TestDatabase database, int port, int managementPort)
    {
        var factory = new WebApplicationFactory<provider::Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environments.Production);
            web.UseSetting("Mosaic:Manifest", manifest);
            web.UseSetting("Mosaic:StateDirectory", stateDirectory);
            web.UseSetting("Mosaic:Security:MutualTls", "false");
            web.UseSetting("Mosaic:Port", port.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Mosaic:ManagementPort", managementPort.ToString(CultureInfo.InvariantCulture));
            web.UseSetting("PaymentProvider:ApiKey", MerchantKey);
            foreach (var (key, value) in database.Settings) web.UseSetting(key, value);
        });
        factory.UseKestrel();
        factory.StartServer();
        return new ProviderHost(factory, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task<IReadOnlyList<ChargeResponse>> LedgerAsync(Guid orderId) =>
        await Client.GetFromJsonAsync<List<ChargeResponse>>($"/charges?reference={orderId:D}", Cancel) ?? [];

    public async Task SetFaultsAsync(FaultSettings faults) =>
        (await Client.PutAsJsonAsync("/admin/faults", faults, Cancel)).EnsureSuccessStatusCode();

    public async Task ClearFaultsAsync() =>
        (await Client.DeleteAsync("/admin/faults", Cancel)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await factory.DisposeAsync();
    }
}
