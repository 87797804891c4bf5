using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>What the supervisor tells whoever shows its progress. Calls may come from several threads.</summary>
public interface ISupervisorObserver
{
    void Starting(ServiceInstance instance, int pid);

    void Ready(ServiceInstance instance, TimeSpan after);

    /// <summary>An instance ended on its own; <paramref name="lastLines"/> are the end of its log.</summary>
    void Crashed(ServiceInstance instance, int exitCode, TimeSpan lasted, IReadOnlyList<string> lastLines, string logPath);

    void Restarting(ServiceInstance instance, TimeSpan after);

    void NotReady(ServiceInstance instance, TimeSpan after);

    void Stopping(ServiceInstance instance);

    void Stopped(ServiceInstance instance, StopOutcome outcome);
}
