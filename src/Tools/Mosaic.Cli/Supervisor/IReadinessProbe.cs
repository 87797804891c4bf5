using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>Answers whether an instance is ready for traffic.</summary>
public interface IReadinessProbe
{
    Task<bool> IsReadyAsync(ServiceInstance instance, CancellationToken cancellationToken);
}
