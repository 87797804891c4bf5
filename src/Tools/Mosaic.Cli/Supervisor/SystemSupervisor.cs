using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>
/// Runs a whole system: starts it wave by wave in dependency order, each wave only once the one
/// before is ready; keeps every instance running; stops it in reverse order.
/// </summary>
public sealed class SystemSupervisor : IDisposable
{
    private readonly IReadOnlyList<IReadOnlyList<InstanceSupervisor>> _waves;
    private readonly Action<IReadOnlyList<RecordedInstance>> _processesChanged;
    private readonly Lock _recordGate = new();

    public SystemSupervisor(
        SystemManifest manifest,
        Func<ServiceInstance, LaunchSpec> launch,
        IReadinessProbe probe,
        ISupervisorObserver observer,
        SupervisorOptions options,
        Action<IReadOnlyList<RecordedInstance>> processesChanged)
    {
        _processesChanged = processesChanged;
        _waves = StartPlan.Waves(manifest)
            .Select(wave => (IReadOnlyList<InstanceSupervisor>)wave
                .SelectMany(service => service.AllInstances())
                .Select(instance => new InstanceSupervisor(instance, launch(instance), probe, observer, options, OnProcessChanged))
                .ToList())
            .ToList();
    }

    public IEnumerable<InstanceSupervisor> Instances => _waves.SelectMany(wave => wave);

    /// <summary>
    /// Starts every wave and waits for it to be ready. Throws <see cref="StartupFailedException"/> naming
    /// the first instance that exited or stayed unready, and <see cref="OperationCanceledException"/> when
    /// asked to stop; either way, whatever was started is still running for <see cref="StopAsync"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var wave in _waves)
        {
            foreach (var instance in wave) instance.Start();

            using var waveFailed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var results = await Task.WhenAll(wave.Select(async instance =>
            {
                var readiness = await instance.WaitReadyAsync(waveFailed.Token);
                if (readiness is Readiness.Exited or Readiness.TimedOut) await waveFailed.CancelAsync();
                return (instance, readiness);
            }));

            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (instance, readiness) in results)
            {
                if (readiness == Readiness.Exited) throw Failure(instance, $"{instance.Instance.Id} exited with code {await instance.Current!.Exited} before it was ready");
                if (readiness == Readiness.TimedOut) throw Failure(instance, $"{instance.Instance.Id} was not ready within {(int)instance.Options.ReadyTimeout.TotalSeconds} s");
            }
        }
    }

    /// <summary>Restarts crashed instances until <paramref name="stopping"/> fires.</summary>
    public Task SuperviseAsync(CancellationToken stopping) =>
        Task.WhenAll(Instances.Where(i => i.Current is not null).Select(i => i.SuperviseAsync(stopping)));

    /// <summary>Stops every started instance, the last wave first, each wave in parallel.</summary>
    public async Task StopAsync()
    {
        foreach (var wave in _waves.Reverse())
            await Task.WhenAll(wave.Select(instance => instance.StopAsync()));
    }

    /// <summary>Ends every instance at once, for when the user will not wait for a graceful stop.</summary>
    public void KillAll()
    {
        foreach (var instance in Instances) instance.Kill();
    }

    public IReadOnlyList<RecordedInstance> Snapshot() =>
        Instances.Select(i => i.Record()).OfType<RecordedInstance>().ToList();

    public void Dispose()
    {
        foreach (var instance in Instances) instance.Dispose();
    }

    private void OnProcessChanged()
    {
        lock (_recordGate) _processesChanged(Snapshot());
    }

    private static StartupFailedException Failure(InstanceSupervisor instance, string what) =>
        new(instance.Instance, what, LogTail.Read(instance.LogPath, instance.Options.CrashLogLines), instance.LogPath);
}
