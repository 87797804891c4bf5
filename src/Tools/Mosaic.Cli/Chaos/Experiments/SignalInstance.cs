using System.Globalization;
using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Chaos.Experiments;

/// <summary>
/// <c>kill SERVICE</c> (SIGKILL, as a crash) and <c>stop SERVICE</c> (SIGTERM, a graceful stop that drains
/// its requests): one signal to one instance, after which <c>mosaic up</c> sees it exit and starts it again.
/// </summary>
public sealed class SignalInstance : IChaosExperiment
{
    private readonly string _service;
    private readonly int _index;
    private readonly int _signal;

    private SignalInstance(string verb, string service, int index, int signal, string hypothesis)
    {
        Title = $"{verb} {service}";
        Hypothesis = hypothesis;
        _service = service;
        _index = index;
        _signal = signal;
    }

    public static SignalInstance Kill(string service, int index = 0) => new("kill", service, index, PosixSignals.Kill,
        $"With {service}-{index} killed mid-load, up restarts it; requests routed to it fail only until it is ready again, " +
        "every accepted order still ends Confirmed or Cancelled, nothing is charged twice and no unit of stock is lost.");

    public static SignalInstance Stop(string service, int index = 0) => new("stop", service, index, PosixSignals.Terminate,
        $"A graceful stop of {service}-{index} drains its in-flight requests and up starts it again; errors are limited to the restart window and every invariant holds.");

    public string Title { get; }

    public string Hypothesis { get; }

    public bool LastsForDuration => false;

    public Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var process = target.Process(_service, _index);
        process.Signal(_signal);
        var name = _signal == PosixSignals.Kill ? "SIGKILL" : "SIGTERM";
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"sent {name} to {_service}-{_index} (pid {process.Pid})"));
    }

    public Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken) =>
        Task.FromResult("nothing to undo: mosaic up starts the instance again");
}
