using System.Diagnostics;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Down;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

public class DownCommandTests
{
    [Fact]
    public async Task Nothing_running_is_said_and_is_not_an_error()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("down", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Nothing is running for 'test'.", workspace.Out.ToString());
    }

    [Fact]
    public async Task A_running_up_is_asked_to_stop_and_stops_its_instances()
    {
        using var workspace = TempWorkspace.WithServices("a");
        // A stand-in for up: on SIGTERM it stops its one instance and exits, as the real one does.
        var (up, instance) = await StartFakeUpAsync(workspace, "trap 'kill $child; wait $child; exit 0' TERM");

        var exitCode = await DownCommand.RunAsync(workspace.Workspace(), workspace.Output, Bounds(upExit: TimeSpan.FromSeconds(20)));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.True(up.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, up.ExitCode);
        Assert.False(instance.IsAlive);
        Assert.False(File.Exists(workspace.Workspace().RunFilePath));
        Assert.Contains($"Stopped mosaic up (pid {up.Id})", workspace.Out.ToString());
    }

    [Fact]
    public async Task An_up_that_does_not_stop_in_time_is_killed_and_its_instances_stopped_directly()
    {
        using var workspace = TempWorkspace.WithServices("a");
        var (up, instance) = await StartFakeUpAsync(workspace, "trap '' TERM");

        var exitCode = await DownCommand.RunAsync(workspace.Workspace(), workspace.Output, Bounds(upExit: TimeSpan.FromMilliseconds(300)));

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.True(up.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.False(instance.IsAlive);
        Assert.Contains("did not stop within", workspace.Out.ToString());
        Assert.Contains("No process is left.", workspace.Out.ToString());
    }

    [Fact]
    public async Task Instances_left_behind_by_a_killed_up_are_stopped_and_the_record_removed()
    {
        using var workspace = TempWorkspace.WithServices("a");
        using var orphan = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        var runFile = workspace.Workspace().RunFilePath;
        // The recorded up is this test process, but from another start: a pid that was reused, so it is gone.
        var deadUp = ProcessIdentity.Current() with { StartedAt = DateTimeOffset.UnixEpoch };
        RunFile.Write(runFile, new RunRecord("test", deadUp, [new RecordedInstance("a", 0, 1, 2, ProcessIdentity.Of(orphan.Id)!)]));

        var exitCode = await workspace.RunAsync("down", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.True(orphan.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(runFile));
        Assert.Contains($"a-0 (pid {orphan.Id})", workspace.Out.ToString());
        Assert.Contains("No process is left.", workspace.Out.ToString());
    }

    private static DownBounds Bounds(TimeSpan upExit) =>
        new(upExit, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20), TimeProvider.System);

    /// <summary>A shell standing in for <c>mosaic up</c> with one instance (a sleep), both recorded in up.json.</summary>
    private static async Task<(Process Up, ProcessIdentity Instance)> StartFakeUpAsync(TempWorkspace workspace, string onTerm)
    {
        var childFile = Path.Combine(workspace.Root, "child.pid");
        var up = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"sleep 600 & child=$!; {onTerm}; echo $child > '{childFile}'; wait $child"]))!;
        while (!File.Exists(childFile) || (await File.ReadAllTextAsync(childFile, TestContext.Current.CancellationToken)).Trim().Length == 0)
        {
            Assert.False(up.HasExited, "the stand-in for up ended early");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        var childPid = int.Parse(await File.ReadAllTextAsync(childFile, TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var instance = ProcessIdentity.Of(childPid)!;
        RunFile.Write(workspace.Workspace().RunFilePath, new RunRecord("test", ProcessIdentity.Of(up.Id)!, [new RecordedInstance("a", 0, 1, 2, instance)]));
        return (up, instance);
    }

    [Fact]
    public async Task A_stale_record_with_nothing_alive_is_cleared()
    {
        using var workspace = TempWorkspace.WithServices("a");
        var runFile = workspace.Workspace().RunFilePath;
        var gone = ProcessIdentity.Current() with { StartedAt = DateTimeOffset.UnixEpoch };
        RunFile.Write(runFile, new RunRecord("test", gone, [new RecordedInstance("a", 0, 1, 2, gone)]));

        var exitCode = await workspace.RunAsync("down", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.False(File.Exists(runFile));
        Assert.Contains("was no longer running", workspace.Out.ToString());
    }
}
