using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Tests.Supervisor;

public class SystemSupervisorTests
{
    private static readonly SupervisorOptions Fast = new()
    {
        ReadyPollInterval = TimeSpan.FromMilliseconds(20),
        ReadyTimeout = TimeSpan.FromSeconds(20),
        StopGrace = TimeSpan.FromSeconds(10),
        Backoff = () => new RestartBackoff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1)),
    };

    [Fact]
    public async Task A_crashed_instance_is_reported_with_its_last_log_lines_and_restarted()
    {
        using var workspace = TempWorkspace.WithServices("worker");
        var crashSignal = Path.Combine(workspace.Root, "crash-now");
        var runs = Path.Combine(workspace.Root, "runs");
        // The first run serves until told to crash; every later run serves until stopped.
        const string script = """
            n=$(cat "$RUNS" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$RUNS"
            echo "run $n serving"
            if [ "$n" -gt 1 ]; then exec sleep 600; fi
            while [ ! -f "$CRASH" ]; do sleep 0.02; done
            echo "boom: the database is gone"
            exit 3
            """;
        var environment = new Dictionary<string, string> { ["RUNS"] = runs, ["CRASH"] = crashSignal };
        var observer = new RecordingObserver();
        var records = new List<IReadOnlyList<RecordedInstance>>();
        using var supervisor = new SystemSupervisor(workspace.Manifest,
            i => ShellScript.Launch(script, Path.Combine(workspace.Root, $"{i.Id}.log"), environment),
            new LastLogLineSays("serving", workspace.Root), observer, Fast, r => { lock (records) records.Add(r); });
        using var stop = new CancellationTokenSource();

        await supervisor.StartAsync(TestContext.Current.CancellationToken);
        var firstPid = supervisor.Snapshot().Single().Process.Pid;
        var supervising = supervisor.SuperviseAsync(stop.Token);
        await File.WriteAllTextAsync(crashSignal, "", TestContext.Current.CancellationToken);
        await observer.WaitFor("ready worker-0", times: 2);
        var secondPid = supervisor.Snapshot().Single().Process.Pid;

        await stop.CancelAsync();
        await supervising;
        await supervisor.StopAsync();

        var crash = Assert.Single(observer.Crashes);
        Assert.Equal("worker-0", crash.Instance.Id);
        Assert.Equal(3, crash.ExitCode);
        Assert.Equal(["run 1 serving", "boom: the database is gone"], crash.LastLines);
        Assert.NotEqual(firstPid, secondPid);
        Assert.Equal("2", (await File.ReadAllTextAsync(runs, TestContext.Current.CancellationToken)).Trim());
        Assert.Contains(records, r => r.Single().Process.Pid == secondPid); // up.json learns the new pid
        Assert.Contains("stopped worker-0 Terminated", observer.Events);
        Assert.False(new ProcessIdentity(secondPid, supervisor.Snapshot().Single().Process.StartedAt).IsAlive);
    }

    [Fact]
    public async Task Services_start_after_their_dependencies_are_ready_and_stop_in_reverse()
    {
        using var workspace = TempWorkspace.WithServices("front:1:back", "back:2");
        var observer = new RecordingObserver();
        using var supervisor = new SystemSupervisor(workspace.Manifest,
            i => ShellScript.Launch("exec sleep 600", Path.Combine(workspace.Root, $"{i.Id}.log")),
            new AlwaysReady(), observer, Fast, _ => { });

        await supervisor.StartAsync(TestContext.Current.CancellationToken);
        var processes = supervisor.Snapshot();
        await supervisor.StopAsync();

        var events = observer.Events.ToList();
        Assert.True(events.IndexOf("ready back-0") < events.IndexOf("starting front-0"), string.Join(", ", events));
        Assert.True(events.IndexOf("ready back-1") < events.IndexOf("starting front-0"), string.Join(", ", events));
        Assert.True(events.IndexOf("stopped front-0 Terminated") < events.IndexOf("stopping back-0"), string.Join(", ", events));
        Assert.Equal(3, processes.Count);
        Assert.All(processes, p => Assert.False(p.Process.IsAlive, $"{p.Id} (pid {p.Process.Pid}) is still running"));
    }

    [Fact]
    public async Task An_instance_that_exits_during_start_up_fails_the_start_with_its_log()
    {
        using var workspace = TempWorkspace.WithServices("broken");
        using var supervisor = new SystemSupervisor(workspace.Manifest,
            i => ShellScript.Launch("echo 'SQLite Error 14: unable to open database file'; exit 7", Path.Combine(workspace.Root, $"{i.Id}.log")),
            new NeverReady(), new RecordingObserver(), Fast, _ => { });

        var failure = await Assert.ThrowsAsync<StartupFailedException>(() => supervisor.StartAsync(TestContext.Current.CancellationToken));
        await supervisor.StopAsync();

        Assert.Equal("broken-0 exited with code 7 before it was ready", failure.Message);
        Assert.Equal(["SQLite Error 14: unable to open database file"], failure.LastLines);
    }

    [Fact]
    public async Task An_instance_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        using var workspace = TempWorkspace.WithServices("stubborn");
        var observer = new RecordingObserver();
        var options = new SupervisorOptions { ReadyPollInterval = Fast.ReadyPollInterval, StopGrace = TimeSpan.FromMilliseconds(300) };
        // The marker line says the trap is in place, so SIGTERM cannot arrive before it.
        using var supervisor = new SystemSupervisor(workspace.Manifest,
            i => ShellScript.Launch("trap '' TERM; echo trapped; exec sleep 600", Path.Combine(workspace.Root, $"{i.Id}.log")),
            new LogSays("trapped", workspace.Root), observer, options, _ => { });

        await supervisor.StartAsync(TestContext.Current.CancellationToken);
        var process = supervisor.Snapshot().Single().Process;
        await supervisor.StopAsync();

        Assert.Contains("stopped stubborn-0 Killed", observer.Events);
        Assert.False(process.IsAlive);
    }

    /// <summary>Ready while the instance's latest log line ends with a word.</summary>
    private sealed class LastLogLineSays(string word, string folder) : IReadinessProbe
    {
        public Task<bool> IsReadyAsync(ServiceInstance instance, CancellationToken cancellationToken) =>
            Task.FromResult(LogTail.Read(Path.Combine(folder, $"{instance.Id}.log"), 1) is [var last] && last.EndsWith(word, StringComparison.Ordinal));
    }

    /// <summary>Ready once the instance's log holds a line.</summary>
    private sealed class LogSays(string line, string folder) : IReadinessProbe
    {
        public async Task<bool> IsReadyAsync(ServiceInstance instance, CancellationToken cancellationToken)
        {
            var log = Path.Combine(folder, $"{instance.Id}.log");
            return File.Exists(log) && (await File.ReadAllLinesAsync(log, cancellationToken)).Contains(line);
        }
    }
}
