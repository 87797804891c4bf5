using System.Globalization;
using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Chaos.Experiments;

/// <summary>
/// <c>pause SERVICE</c>: SIGSTOP freezes one instance for the fault's duration and SIGCONT resumes it:
/// the process is there, its port accepts connections, but nothing answers (a long GC pause, a hung host).
/// </summary>
public sealed class PauseInstance(string service, int index) : IChaosExperiment
{
    private Supervisor.ProcessIdentity? _paused;

    public string Title => $"pause {service}";

    public string Hypothesis =>
        $"While {service}-{index} hangs, callers time out rather than wait forever; once it resumes the backlog clears and every invariant holds.";

    public bool LastsForDuration => true;

    public Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        _paused = target.Process(service, index);
        _paused.Signal(PosixSignals.Stop);
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"sent SIGSTOP to {service}-{index} (pid {_paused.Pid})"));
    }

    public Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        if (_paused is null) return Task.FromResult("nothing was paused");
        var resumed = _paused.Signal(PosixSignals.Continue);
        return Task.FromResult(resumed
            ? string.Create(CultureInfo.InvariantCulture, $"sent SIGCONT to {service}-{index} (pid {_paused.Pid})")
            : $"{service}-{index} was gone before it could be resumed");
    }
}
