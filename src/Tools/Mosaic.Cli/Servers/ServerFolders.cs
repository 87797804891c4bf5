using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Servers;

/// <summary>Where an environment's private servers keep their data, logs, credentials and state: <c>.mosaic/ENV/servers</c>.</summary>
public sealed class ServerFolders(MosaicWorkspace workspace)
{
    public MosaicWorkspace Workspace { get; } = workspace;

    public string Root => Path.Combine(Workspace.StateDirectory, "servers");

    /// <summary>Owned by the user PostgreSQL runs as; holds the data folder and the server's log.</summary>
    public string Postgres => Path.Combine(Root, "postgres");

    public string PostgresData => Path.Combine(Postgres, "data");

    public string PostgresLog => Path.Combine(Postgres, "postgres.log");

    public string RabbitMq => Path.Combine(Root, "rabbitmq");

    /// <summary>The node's own logs, and <see cref="RabbitMqLog"/>.</summary>
    public string RabbitMqLogs => Path.Combine(RabbitMq, "log");

    /// <summary>What the node printed, including failures before its own log opened.</summary>
    public string RabbitMqLog => Path.Combine(RabbitMqLogs, "server.log");

    /// <summary>Generated passwords; readable by the owner only, never printed (except by <c>servers env</c>, on request).</summary>
    public string Credentials => Path.Combine(Root, "credentials.json");

    /// <summary>Which ports the servers were last started on, so <c>down</c> and <c>servers stop</c> find them.</summary>
    public string State => Path.Combine(Root, "servers.json");
}
