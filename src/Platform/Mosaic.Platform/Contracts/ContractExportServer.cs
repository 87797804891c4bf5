using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mosaic.Platform.Contracts;

/// <summary>
/// The server a service gets when it is asked for its contract. The host hands a server the finished
/// request pipeline, which is the first moment every endpoint the service maps is known; this one
/// writes the contract then and stops the service instead of listening.
/// </summary>
internal sealed class ContractExportServer(string service, string file, IServiceProvider services) : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        File.WriteAllText(file, ServiceContract.Of(service, services).ToJson());
        Console.Out.WriteLine($"{service}: contract written to {file}");
        services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
