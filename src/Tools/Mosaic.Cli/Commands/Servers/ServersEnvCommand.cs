using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Servers;

/// <summary>
/// <c>mosaic servers env</c>: the superuser connection string and the broker's administrator URI as
/// shell <c>export</c> lines, for <c>eval</c> (this is the one command that prints the generated passwords).
/// </summary>
public static class ServersEnvCommand
{
    public const string PostgresVariable = "MOSAIC_TEST_POSTGRES";
    public const string RabbitMqVariable = "MOSAIC_TEST_RABBITMQ";
    public const string RabbitMqManagementVariable = "MOSAIC_TEST_RABBITMQ_MANAGEMENT";

    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var command = new Command("env", $"Print export lines for {PostgresVariable} and {RabbitMqVariable} (administrator credentials of the running private servers; and {RabbitMqManagementVariable} when the node runs the management plugin), for eval in a shell.")
        {
            environment,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            return RunAsync(workspace, context.Output, PrivateServers.Open(workspace), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, PrivateServers servers, CancellationToken cancellationToken)
    {
        var postgres = servers.RequirePostgres();
        var rabbitMq = servers.RequireRabbitMq();
        if (!await postgres.IsRunningAsync(cancellationToken) || !rabbitMq.IsRunning)
            throw new CliException($"The private servers of '{workspace.Environment}' are not both running: start them with ./mosaic servers start --environment {workspace.Environment}.");

        // Pooled, unlike the command's own connection: tests open many.
        var superuser = new Npgsql.NpgsqlConnectionStringBuilder(postgres.SuperuserConnectionString) { Pooling = true }.ToString();
        output.Line(Export(PostgresVariable, superuser));
        output.Line(Export(RabbitMqVariable, servers.RabbitMqAccounts!.AdminUri.AbsoluteUri));
        if (rabbitMq.ManagementUri is { } management) output.Line(Export(RabbitMqManagementVariable, management.AbsoluteUri));
        return ExitCodes.Success;
    }

    /// <summary>A POSIX shell line that sets the variable to exactly <paramref name="value"/>.</summary>
    public static string Export(string name, string value) => $"export {name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
