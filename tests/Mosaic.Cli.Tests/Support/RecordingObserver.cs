using System.Collections.Concurrent;
using Mosaic.Cli.Supervisor;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Tests.Support;

/// <summary>Keeps every supervisor event in order, and lets a test wait for one.</summary>
internal sealed class RecordingObserver : ISupervisorObserver
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new();

    public IReadOnlyList<string> Events => _events.ToList();

    public ConcurrentQueue<(ServiceInstance Instance, int ExitCode, IReadOnlyList<string> LastLines)> Crashes { get; } = new();

    /// <summary>Completes when an event equal to <paramref name="name"/> ("ready a-0") has been seen <paramref name="times"/> times.</summary>
    public async Task WaitFor(string name, int times = 1)
    {
        var waiter = _waiters.GetOrAdd($"{name}#{times}", _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        CheckWaiters();
        // A bound so a broken supervisor fails the test instead of hanging it.
        await waiter.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public void Starting(ServiceInstance instance, int pid) => Add($"starting {instance.Id}");

    public void Ready(ServiceInstance instance, TimeSpan after) => Add($"ready {instance.Id}");

    public void Crashed(ServiceInstance instance, int exitCode, TimeSpan lasted, IReadOnlyList<string> lastLines, string logPath)
    {
        Crashes.Enqueue((instance, exitCode, lastLines));
        Add($"crashed {instance.Id}");
    }

    public void Restarting(ServiceInstance instance, TimeSpan after) => Add($"restarting {instance.Id}");

    public void NotReady(ServiceInstance instance, TimeSpan after) => Add($"not ready {instance.Id}");

    public void Stopping(ServiceInstance instance) => Add($"stopping {instance.Id}");

    public void Stopped(ServiceInstance instance, StopOutcome outcome) => Add($"stopped {instance.Id} {outcome}");

    private void Add(string entry)
    {
        _events.Enqueue(entry);
        CheckWaiters();
    }

    private void CheckWaiters()
    {
        foreach (var (key, waiter) in _waiters)
        {
            var separator = key.LastIndexOf('#');
            var name = key[..separator];
            var times = int.Parse(key[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            if (_events.Count(e => e == name) >= times) waiter.TrySetResult();
        }
    }
}
