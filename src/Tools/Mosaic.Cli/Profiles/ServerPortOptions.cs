using System.CommandLine;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Profiles;

/// <summary><c>--postgres-port</c> and <c>--rabbitmq-port</c>, for <c>up</c> and <c>servers</c> alike.</summary>
public sealed class ServerPortOptions
{
    public Option<int?> Postgres { get; } = new("--postgres-port")
    {
        Description = $"The private PostgreSQL server's port (default: the one it last ran on, else {ServerPorts.DefaultPostgres}).",
        HelpName = "port",
    };

    public Option<int?> RabbitMq { get; } = new("--rabbitmq-port")
    {
        Description = $"The private RabbitMQ node's AMQP port; it also takes the port above and the one 3 below (default: the one it last ran on, else {ServerPorts.DefaultRabbitMq}).",
        HelpName = "port",
    };

    public Option<bool> RabbitMqManagement { get; } = new("--rabbitmq-management")
    {
        Description = "Run RabbitMQ's management plugin (HTTP API and web UI) on the private node, on loopback, 2 above its AMQP port; kept for later starts of the node.",
    };

    /// <summary>True when asked for; null when not, so the node keeps what it last ran with.</summary>
    public bool? ManagementAsked(ParseResult parse) => parse.GetValue(RabbitMqManagement) ? true : null;

    public void AddTo(Command command)
    {
        command.Options.Add(Postgres);
        command.Options.Add(RabbitMq);
        command.Options.Add(RabbitMqManagement);
    }
}
