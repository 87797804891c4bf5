using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Down;

/// <summary>
/// <c>mosaic down</c>: asks a running <c>up</c> to stop (it stops its services in order); stops any
/// recorded instance left behind itself; makes sure no recorded process remains.
/// </summary>
public static class DownCommand
{
    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var command = new Command("down", "Stop a running `mosaic up` and every instance it started.") { environment };
        command.SetAction((parse, _) => RunAsync(context.Workspace(parse.GetValue(environment)!), context.Output, DownBounds.Default));
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, DownBounds bounds)
    {
        var record = RunFile.Read(workspace.RunFilePath);
        if (record is null)
        {
            output.Line($"Nothing is running for '{workspace.Environment}'.");
            return ExitCodes.Success;
        }

        var stopped = new List<string>();
        if (record.Up.Signal(PosixSignals.Terminate))
        {
            output.Line($"Asked mosaic up (pid {record.Up.Pid}) to stop; waiting for it to stop its instances...");
            if (await WaitForExitAsync(record.Up, bounds.UpExit, bounds))
                stopped.Add($"mosaic up (pid {record.Up.Pid})");
            else
                output.Warning($"mosaic up (pid {record.Up.Pid}) did not stop within {bounds.UpExit.TotalSeconds:0} s; stopping what is left directly.");
        }

        // Whatever is still alive was left behind: up was killed, or it did not finish in time. An up that
        // restarted an instance meanwhile recorded the new process, so the latest record counts too.
        var recorded = record.Instances
            .Concat(RunFile.Read(workspace.RunFilePath)?.Instances ?? [])
            .DistinctBy(i => i.Process)
            .ToList();
        var leftovers = recorded.Where(i => i.Process.IsAlive).ToList();
        await Task.WhenAll(leftovers.Select(i => StopAsync(i.Process, bounds)));
        if (record.Up.IsAlive)
        {
            record.Up.Signal(PosixSignals.Kill);
            await WaitForExitAsync(record.Up, bounds.InstanceGrace, bounds);
        }

        var remaining = recorded.Select(i => (Name: i.Id, i.Process)).Prepend((Name: "mosaic up", Process: record.Up)).Where(p => p.Process.IsAlive).ToList();
        if (remaining.Count > 0)
            throw new CliException($"Could not stop {string.Join(", ", remaining.Select(r => $"{r.Name} (pid {r.Process.Pid})"))}: stop it with `kill -9 PID` and run ./mosaic down again.");

        // Up stops the private servers it started once its services are down; when up could not, down does.
        IReadOnlyList<string> servers = [];
        if (record.StartedServers.Count > 0)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            servers = await PrivateServers.Open(workspace).StopAsync(record.StartedServers, bounded.Token);
        }

        RunFile.Delete(workspace.RunFilePath);
        var instances = record.Instances.Select(i => i.Id).ToList();
        if (leftovers.Count > 0) stopped.Add($"{leftovers.Count} instance(s) left running: {string.Join(", ", leftovers.Select(i => $"{i.Id} (pid {i.Process.Pid})"))}");
        if (servers.Count > 0) stopped.Add($"the private {PrivateServers.Describe(servers)} that up had started");
        output.Success(stopped.Count == 0
            ? $"mosaic up for '{workspace.Environment}' was no longer running and left no instance behind; cleared its record."
            : $"Stopped {string.Join(" and ", stopped)}; '{workspace.Environment}' had {instances.Count} instance(s): {string.Join(", ", instances)}. No process is left.");
        return ExitCodes.Success;
    }

    private static async Task StopAsync(ProcessIdentity process, DownBounds bounds)
    {
        if (!process.Signal(PosixSignals.Terminate)) return;
        if (await WaitForExitAsync(process, bounds.InstanceGrace, bounds)) return;
        process.Signal(PosixSignals.Kill);
        await WaitForExitAsync(process, bounds.InstanceGrace, bounds);
    }

    /// <summary>
    /// Polls, because a process that is not our child cannot be waited on; true when it is gone.
    /// </summary>
    private static async Task<bool> WaitForExitAsync(ProcessIdentity process, TimeSpan limit, DownBounds bounds)
    {
        var began = bounds.Time.GetTimestamp();
        while (process.IsAlive)
        {
            if (bounds.Time.GetElapsedTime(began) >= limit) return false;
            await Task.Delay(bounds.PollInterval, bounds.Time);
        }
        return true;
    }
}
