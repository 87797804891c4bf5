using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>Starts one instance, waits for it to be ready, restarts it when it crashes, and stops it.</summary>
public sealed class InstanceSupervisor : IDisposable
{
    private readonly LaunchSpec _launch;
    private readonly IReadinessProbe _probe;
    private readonly ISupervisorObserver _observer;
    private readonly SupervisorOptions _options;
    private readonly RestartBackoff _backoff;
    private readonly Action _processChanged;
    private readonly Lock _gate = new();
    private ChildProcess? _current;
    private long _startedTimestamp;

    public InstanceSupervisor(
        ServiceInstance instance,
        LaunchSpec launch,
        IReadinessProbe probe,
        ISupervisorObserver observer,
        SupervisorOptions options,
        Action processChanged)
    {
        Instance = instance;
        _launch = launch;
        _probe = probe;
        _observer = observer;
        _options = options;
        _backoff = options.Backoff();
        _processChanged = processChanged;
    }

    public ServiceInstance Instance { get; }

    public string LogPath => _launch.LogPath;

    public SupervisorOptions Options => _options;

    /// <summary>The process running now (or the last one, when it has exited).</summary>
    public ChildProcess? Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    public ChildProcess Start()
    {
        var child = ChildProcess.Start(_launch);
        ChildProcess? previous;
        lock (_gate)
        {
            previous = _current;
            _current = child;
            _startedTimestamp = _options.Time.GetTimestamp();
        }
        previous?.Dispose();
        _observer.Starting(Instance, child.Pid);
        _processChanged();
        return child;
    }

    /// <summary>Asks for readiness until it comes, the process exits, or the ready timeout passes.</summary>
    public async Task<Readiness> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var child = Current ?? throw new InvalidOperationException($"{Instance.Id} was never started.");
        var began = _options.Time.GetTimestamp();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (child.Exited.IsCompleted) return Readiness.Exited;
                if (await _probe.IsReadyAsync(Instance, cancellationToken))
                {
                    _observer.Ready(Instance, _options.Time.GetElapsedTime(began));
                    return Readiness.Ready;
                }
                if (_options.Time.GetElapsedTime(began) >= _options.ReadyTimeout) return Readiness.TimedOut;
                // Wakes on the next poll or at once when the process dies.
                await Task.WhenAny(child.Exited, Task.Delay(_options.ReadyPollInterval, _options.Time, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Readiness.Cancelled;
        }
    }

    /// <summary>Restarts the instance with backoff every time it exits, until <paramref name="stopping"/> fires.</summary>
    public async Task SuperviseAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var child = Current ?? throw new InvalidOperationException($"{Instance.Id} was never started.");
            await ((Task)child.Exited.WaitAsync(stopping)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stopping.IsCancellationRequested) return;

            var lasted = _options.Time.GetElapsedTime(Volatile.Read(ref _startedTimestamp));
            _observer.Crashed(Instance, child.Exited.Result, lasted, LogTail.Read(LogPath, _options.CrashLogLines), LogPath);
            var delay = _backoff.NextDelay(lasted);
            _observer.Restarting(Instance, delay);
            await Task.Delay(delay, _options.Time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stopping.IsCancellationRequested) return;

            Start();
            // An exit while waiting is reported by the next turn of the loop.
            if (await WaitReadyAsync(stopping) == Readiness.TimedOut)
                _observer.NotReady(Instance, _options.ReadyTimeout);
        }
    }

    /// <summary>SIGTERM, then SIGKILL after the grace period. Call after supervision has ended.</summary>
    public async Task<StopOutcome> StopAsync()
    {
        var child = Current;
        if (child is null) return StopOutcome.AlreadyExited;
        if (!child.Exited.IsCompleted) _observer.Stopping(Instance);
        var outcome = await child.StopAsync(_options.StopGrace, _options.Time);
        _observer.Stopped(Instance, outcome);
        return outcome;
    }

    public void Kill() => Current?.Kill();

    public RecordedInstance? Record()
    {
        var child = Current;
        return child is null
            ? null
            : new RecordedInstance(Instance.Service, Instance.Index, Instance.Port, Instance.ManagementPort, child.Identity);
    }

    public void Dispose() => Current?.Dispose();
}
