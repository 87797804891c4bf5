using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Tests.Support;

/// <summary>Stand-in services: small shell scripts the supervisor starts as real processes.</summary>
internal static class ShellScript
{
    public static LaunchSpec Launch(string script, string logPath, IReadOnlyDictionary<string, string>? environment = null) =>
        new("/bin/sh", ["-c", script], environment ?? new Dictionary<string, string>(), Path.GetDirectoryName(logPath)!, logPath);
}

/// <summary>Says every instance is ready as soon as it is asked.</summary>
internal sealed class AlwaysReady : IReadinessProbe
{
    public Task<bool> IsReadyAsync(Mosaic.Platform.Manifest.ServiceInstance instance, CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>Says no instance is ever ready.</summary>
internal sealed class NeverReady : IReadinessProbe
{
    public Task<bool> IsReadyAsync(Mosaic.Platform.Manifest.ServiceInstance instance, CancellationToken cancellationToken) => Task.FromResult(false);
}
