using System.Globalization;

namespace Mosaic.Cli.Servers;

/// <summary>
/// The loopback ports of an environment's private servers. The defaults sit far from the servers'
/// own (5432, 5672, 4369), so a system-wide PostgreSQL or RabbitMQ on the same machine is never in the way.
/// </summary>
public sealed record ServerPorts(int Postgres, int RabbitMq)
{
    public const int DefaultPostgres = 55432;
    public const int DefaultRabbitMq = 55672;

    public static ServerPorts Default { get; } = new(DefaultPostgres, DefaultRabbitMq);

    /// <summary>The private Erlang port mapper RabbitMQ's node registers with, so it never meets a system install's.</summary>
    public int Epmd => RabbitMq - 3;

    /// <summary>Where the RabbitMQ node talks to its command-line tools.</summary>
    public int RabbitMqDistribution => RabbitMq + 1;

    /// <summary>Whether the node runs RabbitMQ's management plugin (its HTTP API and web UI), off unless asked for.</summary>
    public bool RabbitMqManagement { get; init; }

    /// <summary>Where the management plugin listens when it runs.</summary>
    public int RabbitMqManagementPort => RabbitMq + 2;

    /// <summary>Every port the servers listen on, named for a message about a clash.</summary>
    public IEnumerable<(int Port, string Use)> All() =>
    [
        (Postgres, "PostgreSQL"),
        (RabbitMq, "RabbitMQ (AMQP)"),
        (RabbitMqDistribution, "RabbitMQ (distribution)"),
        (Epmd, "RabbitMQ (epmd)"),
        .. RabbitMqManagement ? [(RabbitMqManagementPort, "RabbitMQ (management)")] : Array.Empty<(int Port, string Use)>(),
    ];

    /// <summary>Above the privileged range, with room for the ports derived from it (epmd 3 below, distribution 1 above, management 2 above).</summary>
    public static bool IsUsable(int port) => port is >= 1027 and <= 65533;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"PostgreSQL {Postgres}, RabbitMQ {RabbitMq}{(RabbitMqManagement ? $", RabbitMQ management {RabbitMqManagementPort}" : "")}");
}
