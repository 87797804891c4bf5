using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Servers;

/// <summary>
/// An environment's private PostgreSQL and RabbitMQ servers together: what <c>up --profile production</c>,
/// <c>servers</c> and <c>down</c> start and stop, and what tests restart to see the system ride it out.
/// </summary>
public sealed class PrivateServers
{
    public const string PostgresName = "postgresql";
    public const string RabbitMqName = "rabbitmq";

    private readonly Lock _recording = new();

    private PrivateServers(ServerFolders folders, ServerSoftware software, ServerPorts ports)
    {
        Folders = folders;
        Ports = ports;
        Credentials = ServerCredentials.Open(folders.Credentials);
        Postgres = software.Postgres is { } postgres ? new PrivatePostgres(folders, postgres, Credentials, ports.Postgres) : null;
        RabbitMq = software.RabbitMq is { } rabbitMq ? new PrivateRabbitMq(folders, rabbitMq, ports) : null;
        RabbitMqAccounts = RabbitMq is null ? null : new RabbitMqAccounts(RabbitMq, folders, Credentials);
    }

    public ServerFolders Folders { get; }

    public ServerPorts Ports { get; }

    public ServerCredentials Credentials { get; }

    /// <summary>Null when PostgreSQL is not installed.</summary>
    public PrivatePostgres? Postgres { get; }

    /// <summary>Null when RabbitMQ is not installed.</summary>
    public PrivateRabbitMq? RabbitMq { get; }

    public RabbitMqAccounts? RabbitMqAccounts { get; }

    /// <summary>
    /// The servers of <paramref name="workspace"/>'s environment. Ports: those asked for, else the ones
    /// they were last started on (so a running pair is found again), else the defaults.
    /// </summary>
    /// <param name="rabbitMqManagement">Whether the node runs the management plugin; null keeps what it last ran with.</param>
    public static PrivateServers Open(MosaicWorkspace workspace, int? postgresPort = null, int? rabbitMqPort = null, ServerSoftware? software = null, bool? rabbitMqManagement = null)
    {
        var folders = new ServerFolders(workspace);
        var last = ServerState.Read(folders) ?? ServerPorts.Default;
        var ports = new ServerPorts(postgresPort ?? last.Postgres, rabbitMqPort ?? last.RabbitMq) { RabbitMqManagement = rabbitMqManagement ?? last.RabbitMqManagement };
        foreach (var (port, use) in ports.All())
            if (!ServerPorts.IsUsable(port))
                throw new CliException($"Port {port} for {use} is not usable: pick ports from 1027 to 65533 (the RabbitMQ port also takes the one above it and the one 3 below it, and the management plugin the one 2 above).");
        return new PrivateServers(folders, software ?? ServerSoftware.Detect(), ports);
    }

    public PrivatePostgres RequirePostgres() => Postgres ?? throw Missing("PostgreSQL", "postgresql");

    public PrivateRabbitMq RequireRabbitMq() => RabbitMq ?? throw Missing("RabbitMQ", "rabbitmq-server");

    /// <summary>Starts PostgreSQL; true when it was started now rather than found running. Fails if it runs on other ports.</summary>
    public async Task<bool> StartPostgresAsync(CancellationToken cancellationToken)
    {
        var postgres = RequirePostgres();
        EnsureSamePorts(PostgresName, await postgres.IsRunningAsync(cancellationToken), s => s.Postgres == Ports.Postgres, "--postgres-port");
        // Recorded first: a start cut short (Ctrl+C) may leave a server that `servers stop` must find.
        Record(recorded => recorded with { Postgres = Ports.Postgres });
        return await postgres.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Starts RabbitMQ; true when it was started now. Its users and virtual host come next, with
    /// <see cref="PrepareRabbitMqAsync"/>: a caller records the started server before anything else can fail.
    /// </summary>
    public async Task<bool> StartRabbitMqAsync(CancellationToken cancellationToken)
    {
        var rabbitMq = RequireRabbitMq();
        EnsureSamePorts(RabbitMqName, rabbitMq.IsRunning, s => s.RabbitMq == Ports.RabbitMq && s.RabbitMqManagement == Ports.RabbitMqManagement, "--rabbitmq-port and --rabbitmq-management");
        Record(recorded => recorded with { RabbitMq = Ports.RabbitMq, RabbitMqManagement = Ports.RabbitMqManagement });
        return await rabbitMq.StartAsync(cancellationToken);
    }

    /// <summary>The environment's virtual host and administrator on the running node (idempotent).</summary>
    public Task PrepareRabbitMqAsync(CancellationToken cancellationToken) =>
        (RabbitMqAccounts ?? throw Missing("RabbitMQ", "rabbitmq-server")).EnsureAsync(cancellationToken);

    /// <summary>The same, and exactly these services' own users, with the permissions rendered from the policy (idempotent).</summary>
    public Task PrepareRabbitMqAsync(IReadOnlyList<BrokerPermissions> services, CancellationToken cancellationToken) =>
        (RabbitMqAccounts ?? throw Missing("RabbitMQ", "rabbitmq-server")).EnsureAsync(services, cancellationToken);

    /// <summary>Stops the named servers (both by default) that are running; the names of those it stopped.</summary>
    public async Task<IReadOnlyList<string>> StopAsync(IReadOnlyCollection<string>? which, CancellationToken cancellationToken)
    {
        var stopping = new List<(string Name, Task Stop)>();
        if (Postgres is not null && (which?.Contains(PostgresName) ?? true) && await Postgres.IsRunningAsync(cancellationToken))
            stopping.Add((PostgresName, Postgres.StopAsync(cancellationToken)));
        if (RabbitMq is not null && (which?.Contains(RabbitMqName) ?? true))
        {
            // A node that crashed leaves its port mapper behind, which stopping ends too.
            if (RabbitMq.IsRunning) stopping.Add((RabbitMqName, RabbitMq.StopAsync(cancellationToken)));
            else await RabbitMq.StopAsync(cancellationToken);
        }
        await Task.WhenAll(stopping.Select(s => s.Stop));
        return stopping.Select(s => s.Name).ToList();
    }

    /// <summary>A server found running must be the one asked for: two sets of ports for one data folder cannot both be right.</summary>
    private void EnsureSamePorts(string server, bool running, Func<ServerPorts, bool> same, string option)
    {
        if (!running || ServerState.Read(Folders) is not { } recorded || same(recorded)) return;
        throw new CliException($"The private {server} server of '{Folders.Workspace.Environment}' already runs on other ports ({recorded}): use those (leave out {option}), or stop it first with ./mosaic servers stop --environment {Folders.Workspace.Environment}.");
    }

    /// <summary>Both servers may start at once; each updates its own port in the one file.</summary>
    private void Record(Func<ServerPorts, ServerPorts> update)
    {
        lock (_recording) ServerState.Write(Folders, update(ServerState.Read(Folders) ?? Ports));
    }

    /// <summary>"PostgreSQL server and RabbitMQ node": recorded names as a message shows them.</summary>
    public static string Describe(IEnumerable<string> servers) =>
        string.Join(" and ", servers.Select(s => s == PostgresName ? "PostgreSQL server" : s == RabbitMqName ? "RabbitMQ node" : s));

    private static CliException Missing(string server, string package) =>
        new($"{server} is not installed: install it with `{ServerSoftware.InstallCommand}` (as root; the package is {package}), or point mosaic at a server of your own with MOSAIC_POSTGRES_ADMIN / MOSAIC_RABBITMQ_ADMIN.");
}
