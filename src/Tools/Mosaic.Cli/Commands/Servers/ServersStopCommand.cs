using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Servers;

/// <summary><c>mosaic servers stop</c>: stops whichever private server of the environment runs, unless a running up still uses them.</summary>
public static class ServersStopCommand
{
    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var command = new Command("stop", "Stop the environment's private PostgreSQL and RabbitMQ servers.") { environment };
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            return RunAsync(workspace, context.Output, PrivateServers.Open(workspace), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, PrivateServers servers, CancellationToken cancellationToken)
    {
        if (RunFile.Read(workspace.RunFilePath) is { Up.IsAlive: true, Profile: Profiles.RunProfile.Production } running)
            throw new CliException($"mosaic up for '{workspace.Environment}' (pid {running.Up.Pid}) runs on these servers: stop it with ./mosaic down --environment {workspace.Environment} first.");

        var stopped = await servers.StopAsync(null, cancellationToken);
        if (stopped.Count == 0) output.Line($"No private server of '{workspace.Environment}' is running.");
        else output.Success($"Stopped the private {PrivateServers.Describe(stopped)} of '{workspace.Environment}'; their data stays in {workspace.Display(servers.Folders.Root)}.");
        return ExitCodes.Success;
    }
}
