using System.Globalization;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Up;

/// <summary>
/// Shows what the supervisor does: a live progress display while the system starts on a terminal,
/// plain lines otherwise and for everything after start-up (crashes, restarts, stopping).
/// </summary>
internal sealed class UpReporter(ConsoleOutput output, MosaicWorkspace workspace) : ISupervisorObserver
{
    private volatile IReadOnlyDictionary<string, ProgressTask>? _live;

    /// <summary>Runs <paramref name="start"/> under a progress display of every instance when on a terminal.</summary>
    public async Task ShowStartupAsync(IReadOnlyList<ServiceInstance> instances, Func<Task> start)
    {
        if (!output.IsInteractive)
        {
            await start();
            return;
        }
        var progress = output.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn());
        await progress.StartAsync(async context =>
        {
            _live = instances.ToDictionary(i => i.Id, i => context.AddTask(Label(i, "[grey]waiting[/]"), autoStart: false, maxValue: 1));
            try
            {
                await start();
            }
            finally
            {
                foreach (var task in _live.Values.Where(t => !t.IsFinished)) task.StopTask();
                _live = null;
            }
        });
    }

    public void Starting(ServiceInstance instance, int pid)
    {
        if (_live?.GetValueOrDefault(instance.Id) is { } task)
        {
            task.StartTask();
            task.IsIndeterminate = true;
            task.Description = Label(instance, $"[yellow]starting[/] [grey](pid {pid})[/]");
            return;
        }
        output.Line($"{instance.Id} starting (pid {pid}, log {workspace.Display(workspace.LogPath(instance))})");
    }

    public void Ready(ServiceInstance instance, TimeSpan after)
    {
        if (_live?.GetValueOrDefault(instance.Id) is { } task)
        {
            task.IsIndeterminate = false;
            task.Value = 1;
            task.Description = Label(instance, $"[green]ready[/] [grey]({Seconds(after)})[/]");
            task.StopTask();
            return;
        }
        output.Line($"{instance.Id} ready after {Seconds(after)}");
    }

    public void NotReady(ServiceInstance instance, TimeSpan after) =>
        output.Warning($"{instance.Id} runs but is still not ready after {Seconds(after)}; see {workspace.Display(workspace.LogPath(instance))}.");

    public void Crashed(ServiceInstance instance, int exitCode, TimeSpan lasted, IReadOnlyList<string> lastLines, string logPath)
    {
        output.Warning($"{instance.Id} crashed (exit code {exitCode}) after {Seconds(lasted)}. Its last log lines:");
        ShowLines(lastLines, logPath);
    }

    public void Restarting(ServiceInstance instance, TimeSpan after) =>
        output.Line($"Restarting {instance.Id} in {Seconds(after)}.");

    public void Stopping(ServiceInstance instance) => output.Line($"Stopping {instance.Id}...");

    public void Stopped(ServiceInstance instance, StopOutcome outcome)
    {
        switch (outcome)
        {
            case StopOutcome.Terminated: output.Line($"{instance.Id} stopped"); break;
            case StopOutcome.Killed: output.Warning($"{instance.Id} did not stop in time and was killed"); break;
            case StopOutcome.AlreadyExited: break;
        }
    }

    public void ShowLines(IReadOnlyList<string> lines, string logPath)
    {
        if (lines.Count == 0) output.Line("  (the log is empty)");
        foreach (var line in lines) output.Line("  | " + LogLines.Readable(line));
        output.Line($"  full log: {workspace.Display(logPath)}");
    }

    private static string Label(ServiceInstance instance, string state) =>
        $"{Markup.Escape(instance.Id),-12} {state}";

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds < 10
            ? span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
            : span.TotalSeconds.ToString("0 's'", CultureInfo.InvariantCulture);
}
