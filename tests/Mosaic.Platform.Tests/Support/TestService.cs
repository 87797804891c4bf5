using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Mosaic.Platform.Hosting;

namespace Mosaic.Platform.Tests.Support;

/// <summary>A real Mosaic service on free loopback ports, built by a test with its own endpoints.</summary>
internal sealed class TestService : IAsyncDisposable
{
    private TestService(WebApplication app, int port, int managementPort, string stateDirectory)
    {
        App = app;
        Port = port;
        ManagementPort = managementPort;
        StateDirectory = stateDirectory;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}") };
    }

    public WebApplication App { get; }

    public int Port { get; }

    public int ManagementPort { get; }

    public string StateDirectory { get; }

    public HttpClient Api { get; }

    public HttpClient Management { get; }

    public static async Task<TestService> StartAsync(
        string name,
        Action<WebApplication> mapEndpoints,
        IDictionary<string, string?>? settings = null,
        string environmentName = "Production",
        Action<WebApplicationBuilder>? configure = null)
    {
        var port = FreePort.Next();
        var managementPort = FreePort.Next();
        var state = Directory.CreateTempSubdirectory("mosaic-platform-test-").FullName;
        var manifest = Path.Combine(state, "mosaic.yaml");
        await File.WriteAllTextAsync(manifest, $"""
            services:
              {name}:
                project: src/{name}
                port: {port}
                managementPort: {managementPort}
            """);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environmentName });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mosaic:Manifest"] = manifest,
            ["Mosaic:StateDirectory"] = state,
            // Plain HTTP on its listeners: these tests are about hosting, not identity (see Certificates/ for that).
            ["Mosaic:Security:MutualTls"] = "false",
            ["Mosaic:MaxRequestBodyBytes"] = "4096",
            ["Mosaic:ShutdownTimeout"] = "00:00:10",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMosaic(name);
        configure?.Invoke(builder);
        var app = builder.Build();
        mapEndpoints(app);
        await app.StartAsync();
        return new TestService(app, port, managementPort, state);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Management.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(StateDirectory, recursive: true); }
        catch (IOException) { }
    }
}
