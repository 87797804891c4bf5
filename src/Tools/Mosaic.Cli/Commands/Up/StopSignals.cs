using System.Runtime.InteropServices;

namespace Mosaic.Cli.Commands.Up;

/// <summary>
/// Turns Ctrl+C, SIGTERM (what <c>mosaic down</c> sends) and a closed terminal into a graceful stop;
/// a second signal while stopping asks to give up waiting and kill.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    public StopSignals()
    {
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT])
            _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }

    public CancellationToken Stopping => _stop.Token;

    /// <summary>Raised on the second signal.</summary>
    public event Action? Forced;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _received) == 1) _stop.Cancel();
        else Forced?.Invoke();
    }
}
