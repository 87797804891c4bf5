using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Servers;

/// <summary><c>mosaic servers start</c>: both private servers running, the broker's users and virtual host in place.</summary>
public static class ServersStartCommand
{
    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var ports = new ServerPortOptions();
        var command = new Command("start", "Start the environment's private PostgreSQL and RabbitMQ servers (or find them running); they keep running until `servers stop`.")
        {
            environment,
        };
        ports.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(
            context.Workspace(parse.GetValue(environment)!), context.Output,
            PrivateServers.Open(context.Workspace(parse.GetValue(environment)!), parse.GetValue(ports.Postgres), parse.GetValue(ports.RabbitMq), rabbitMqManagement: ports.ManagementAsked(parse)),
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, PrivateServers servers, CancellationToken cancellationToken)
    {
        var postgres = servers.RequirePostgres();
        var rabbitMq = servers.RequireRabbitMq();
        output.Line($"Starting the private servers of '{workspace.Environment}' (PostgreSQL on {postgres.Location}, RabbitMQ on {rabbitMq.Location})...");

        var startedPostgres = servers.StartPostgresAsync(cancellationToken);
        var startedRabbitMq = StartRabbitMqAsync(servers, cancellationToken);
        await Task.WhenAll(startedPostgres, startedRabbitMq);

        output.Success($"PostgreSQL {(await startedPostgres ? "started" : "was already running")} on {postgres.Location} (data in {workspace.Display(servers.Folders.PostgresData)}).");
        output.Success($"RabbitMQ {(await startedRabbitMq ? "started" : "was already running")} on {rabbitMq.Location}, virtual host {servers.RabbitMqAccounts!.VirtualHost} (data in {workspace.Display(servers.Folders.RabbitMq)}).");
        if (rabbitMq.ManagementUri is { } management)
            output.Line($"RabbitMQ's management API and web UI: {management} (log in as {RabbitMqAccounts.AdminUser}; the password is in servers env).");
        output.Line($"Connection settings: eval \"$(./mosaic servers env --environment {workspace.Environment})\". Stop them with ./mosaic servers stop --environment {workspace.Environment}.");
        return ExitCodes.Success;
    }

    private static async Task<bool> StartRabbitMqAsync(PrivateServers servers, CancellationToken cancellationToken)
    {
        var started = await servers.StartRabbitMqAsync(cancellationToken);
        await servers.PrepareRabbitMqAsync(cancellationToken);
        return started;
    }
}
