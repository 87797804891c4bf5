using Microsoft.Extensions.Hosting;

namespace Mosaic.Identity.Keys;

/// <summary>
/// Loads (or makes) the key while the service starts, so an unreadable key file stops the start
/// with a clear error instead of failing the first login.
/// </summary>
internal sealed class SigningKeyLoader(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<SigningKey>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
