using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mosaic.Gateway.Tests.Support;

/// <summary>
/// The real gateway (its own Program) on real Kestrel listeners at free loopback ports, reading a
/// temporary mosaic.yaml with the shop's routes, its services pointed at fake instances.
/// </summary>
internal sealed class GatewayHost : IAsyncDisposable
{
    public const int MaxBodyBytes = 16 * 1024;

    private readonly WebApplicationFactory<Program> factory;
    private readonly string stateDirectory;

    private GatewayHost(WebApplicationFactory<Program> factory, int port, int managementPort, string stateDirectory)
    {
        this.factory = factory;
        this.stateDirectory = stateDirectory;
        Port = port;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") };
    }

    public int Port { get; }

    public HttpClient Api { get; }

    public HttpClient Management { get; }

    public IServiceProvider Services => factory.Services;

    /// <param name="identity">identity's instances (it also serves the JWKS).</param>
    /// <param name="catalog">catalog's instances, in order.</param>
    /// <param name="settings">extra configuration, e.g. rate limits.</param>
    /// <param name="orders">orders' instances, reached under <c>/api/orders</c> as <c>/orders</c>; none by default.</param>
    public static async Task<GatewayHost> StartAsync(
        IEnumerable<Uri> identity,
        IEnumerable<Uri> catalog,
        IDictionary<string, string?>? settings = null,
        IEnumerable<Uri>? orders = null)
    {
        var port = FreePort.Next();
        var managementPort = FreePort.Next();
        var state = Directory.CreateTempSubdirectory("mosaic-gateway-test-").FullName;
        var manifest = Path.Combine(state, "mosaic.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            # Service ports here are never dialled: Mosaic:Endpoints points the services at the fakes.
            name: gateway-test
            services:
              identity:
                project: src/Services/Identity/Mosaic.Identity
                port: 1
                managementPort: 2
              catalog:
                project: src/Services/Catalog/Mosaic.Catalog
                port: 3
                managementPort: 5
                instances: 2
              orders:
                project: src/Services/Orders/Mosaic.Orders
                port: 7
                managementPort: 8
              gateway:
                project: src/Gateway/Mosaic.Gateway
                port: {port}
                managementPort: {managementPort}
            routes:
              - prefix: /api/identity
                service: identity
                anonymous:
                  - POST /register
                  - POST /login
                  - GET /.well-known/jwks.json
              - prefix: /api/catalog
                service: catalog
                anonymous:
                  - GET /products
                  - GET /products/*
              - prefix: /api/orders
                service: orders
                servicePath: /orders
            """);

        var configuration = new Dictionary<string, string?>
        {
            ["Mosaic:Manifest"] = manifest,
            ["Mosaic:StateDirectory"] = state,
            // The fake services speak plain HTTP.
            ["Mosaic:Security:MutualTls"] = "false",
            ["Mosaic:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mosaic:ManagementPort"] = managementPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mosaic:MaxRequestBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mosaic:Endpoints:identity"] = string.Join(',', identity),
            ["Mosaic:Endpoints:catalog"] = string.Join(',', catalog),
            ["Gateway:RateLimit:Enabled"] = "false",
        };
        if (orders is not null) configuration["Mosaic:Endpoints:orders"] = string.Join(',', orders);
        // A null setting removes one of the defaults above.
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            if (value is null) configuration.Remove(key);
            else configuration[key] = value;

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in configuration) web.UseSetting(key, value);
        });
        factory.UseKestrel();
        factory.StartServer();
        return new GatewayHost(factory, port, managementPort, state);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Management.Dispose();
        await factory.DisposeAsync();
        try { Directory.Delete(stateDirectory, recursive: true); }
        catch (IOException) { }
    }
}
