using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Commands.Servers;

/// <summary>
/// <c>mosaic servers</c>: an environment's private PostgreSQL and RabbitMQ on their own, without the
/// services: for the production-profile tests (<c>test.sh</c> starts them for an environment named
/// <c>test</c>) and for looking at them.
/// </summary>
public static class ServersCommand
{
    public static Command Create(CliContext context) => new("servers", "Start, stop and connect to an environment's private PostgreSQL and RabbitMQ servers (the production profile's).")
    {
        ServersStartCommand.Create(context),
        ServersStopCommand.Create(context),
        ServersEnvCommand.Create(context),
    };
}
