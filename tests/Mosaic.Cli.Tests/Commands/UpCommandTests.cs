using System.Net;
using System.Net.Sockets;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Up;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

public class UpCommandTests
{
    [Fact]
    public async Task A_port_in_use_stops_up_before_anything_starts_and_names_the_instance()
    {
        using var workspace = TempWorkspace.WithServices("identity", "catalog:2:identity");
        var taken = workspace.Manifest.GetService("catalog").Instance(1).Port;
        using var holder = new TcpListener(IPAddress.Loopback, taken);
        holder.Start();

        var exitCode = await workspace.RunAsync("up", "--no-build", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        var error = workspace.Error.ToString().Trim();
        Assert.StartsWith($"Port {taken} (catalog-1 API) is already in use:", error);
        Assert.DoesNotContain("\n", error);
        Assert.False(File.Exists(workspace.Workspace().RunFilePath));
    }

    [Fact]
    public async Task A_port_held_by_the_up_of_another_environment_says_which_one_to_stop()
    {
        using var workspace = TempWorkspace.WithServices("a");
        using var holder = new TcpListener(IPAddress.Loopback, workspace.Manifest.GetService("a").Instance(0).Port);
        holder.Start();
        // This test process stands in for the up of 'e2e' that holds the port.
        RunFile.Write(workspace.Workspace("e2e").RunFilePath, new RunRecord("e2e", ProcessIdentity.Current(), []));

        var exitCode = await workspace.RunAsync("up", "--no-build", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains($"most likely by mosaic up for 'e2e' (pid {Environment.ProcessId}): stop it with ./mosaic down --environment e2e first.", workspace.Error.ToString());
    }

    [Fact]
    public async Task A_second_up_for_the_same_environment_is_refused()
    {
        using var workspace = TempWorkspace.WithServices("a");
        // This test process stands in for the running up.
        RunFile.Write(workspace.Workspace().RunFilePath, new RunRecord("test", ProcessIdentity.Current(), []));

        var exitCode = await workspace.RunAsync("up", "--no-build", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains($"Mosaic is already running for 'test' (mosaic up is pid {Environment.ProcessId})", workspace.Error.ToString());
        Assert.Contains("./mosaic down", workspace.Error.ToString());
    }

    [Fact]
    public async Task Without_a_build_up_says_which_service_is_missing_and_what_to_do()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("up", "--no-build", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("a is not built (artifacts/bin/a/release/a.dll is missing): run ./mosaic up without --no-build.", workspace.Error.ToString());
    }

    [Fact]
    public void Each_instance_runs_its_release_build_with_its_identity_and_state_in_the_environment()
    {
        using var workspace = TempWorkspace.WithServices("catalog:2");
        var ws = workspace.Workspace("staging");
        var service = workspace.Manifest.GetService("catalog");

        var launch = UpCommand.Launch(ws, service, service.Instance(1));

        Assert.Equal(Mosaic.Cli.Workspace.DotnetHost.Path, launch.FileName);
        Assert.Equal([Path.Combine(workspace.Root, "artifacts", "bin", "catalog", "release", "catalog.dll")], launch.Arguments);
        Assert.Equal("1", launch.Environment["Mosaic__Instance"]);
        Assert.Equal("staging", launch.Environment["Mosaic__Environment"]);
        Assert.Equal(Path.Combine(workspace.Root, "mosaic.yaml"), launch.Environment["Mosaic__Manifest"]);
        Assert.Equal(Path.Combine(workspace.Root, ".mosaic", "staging"), launch.Environment["Mosaic__StateDirectory"]);
        Assert.Equal("0", launch.Environment["DOTNET_gcServer"]);
        // Its content root is its build output: a content root of the repository would have it watch
        // every write to .mosaic/ (its own and every other service's databases and logs).
        Assert.Equal(Path.Combine(workspace.Root, "artifacts", "bin", "catalog", "release"), launch.Environment["ASPNETCORE_CONTENTROOT"]);
        Assert.Equal(Path.Combine(workspace.Root, ".mosaic", "staging", "logs", "catalog-1.log"), launch.LogPath);
    }
}
