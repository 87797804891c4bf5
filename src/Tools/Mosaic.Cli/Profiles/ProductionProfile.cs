using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;
using Npgsql;

namespace Mosaic.Cli.Profiles;

/// <summary>
/// Runs the system on PostgreSQL and RabbitMQ. Each comes from a variable when it is set
/// (<c>MOSAIC_POSTGRES_ADMIN</c>: a superuser's connection string; <c>MOSAIC_RABBITMQ_ADMIN</c>: an
/// administrator's AMQP URI, with <c>MOSAIC_RABBITMQ_MANAGEMENT</c> naming the broker's management API), else from
/// the environment's private local server, started when needed and stopped again by whoever started it. Every
/// service with data gets its own database and role; every service that publishes or consumes gets its own
/// broker user (on a named broker only through its management API: without one, the services share the URI).
/// </summary>
public sealed class ProductionProfile
{
    public const string PostgresAdminVariable = "MOSAIC_POSTGRES_ADMIN";
    public const string RabbitMqAdminVariable = "MOSAIC_RABBITMQ_ADMIN";

    private readonly MosaicWorkspace _workspace;
    private readonly PrivateServers _servers;
    private readonly string? _postgresAdmin;
    private readonly Uri? _rabbitMq;
    private readonly Uri? _rabbitMqManagement;
    private readonly List<string> _started = [];
    private readonly Lock _gate = new();

    private ProductionProfile(MosaicWorkspace workspace, PrivateServers servers, string? postgresAdmin, Uri? rabbitMq, Uri? rabbitMqManagement)
    {
        _workspace = workspace;
        _servers = servers;
        _postgresAdmin = postgresAdmin;
        _rabbitMq = rabbitMq;
        _rabbitMqManagement = rabbitMqManagement;
    }

    /// <summary>The private servers this run started (not those it found running): the ones it stops at the end.</summary>
    public IReadOnlyList<string> StartedServers
    {
        get
        {
            lock (_gate) return [.. _started];
        }
    }

    /// <summary>
    /// Decides where each server comes from, before anything is built or started: fails with what to
    /// install or set when a server is neither configured nor installed.
    /// </summary>
    public static ProductionProfile Plan(MosaicWorkspace workspace, Func<string, string?> variables, ServerSoftware software, int? postgresPort = null, int? rabbitMqPort = null, bool? rabbitMqManagement = null)
    {
        var postgresAdmin = Blank(variables(PostgresAdminVariable));
        var rabbitMqAdmin = Blank(variables(RabbitMqAdminVariable));
        var missing = new List<string>();
        if (postgresAdmin is null && software.Postgres is null) missing.Add("PostgreSQL");
        if (rabbitMqAdmin is null && software.RabbitMq is null) missing.Add("RabbitMQ");
        if (missing.Count > 0)
            throw new CliException($"The production profile needs {string.Join(" and ", missing)}, and {(missing.Count > 1 ? "they are" : "it is")} not installed: install {(missing.Count > 1 ? "them" : "it")} with `{ServerSoftware.InstallCommand}` (as root), or name your own servers with {PostgresAdminVariable} (a superuser's connection string) and {RabbitMqAdminVariable} (an amqp:// URI).");

        if (postgresAdmin is not null) CheckConnectionString(postgresAdmin);
        var rabbitMq = rabbitMqAdmin is null ? null : CheckUri(rabbitMqAdmin);
        var management = Blank(variables(RabbitMqManagementAccounts.ManagementVariable));
        if (management is not null && rabbitMq is null)
            throw new CliException($"{RabbitMqManagementAccounts.ManagementVariable} names a management API, but {RabbitMqAdminVariable} names no broker: set both (mosaic logs in to the API as {RabbitMqAdminVariable}'s user), or neither for the private node.");
        var managementUri = management is null ? null : RabbitMqManagementAccounts.CheckManagementUri(management);
        return new ProductionProfile(workspace, PrivateServers.Open(workspace, postgresPort, rabbitMqPort, software, rabbitMqManagement), postgresAdmin, rabbitMq, managementUri);
    }

    /// <summary>
    /// The broker of the environment's production system, to look into without starting anything: the one
    /// <c>MOSAIC_RABBITMQ_ADMIN</c> names (what up hands the services), else the running private node, as
    /// its administrator (same virtual host as the services' user). Fails with what to do when neither is there.
    /// </summary>
    public static RabbitMqBroker RunningRabbitMq(MosaicWorkspace workspace, Func<string, string?> variables, ServerSoftware software)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(variables);
        if (Blank(variables(RabbitMqAdminVariable)) is { } named) return new RabbitMqBroker(CheckUri(named), $"from {RabbitMqAdminVariable}");

        var servers = PrivateServers.Open(workspace, software: software);
        var node = servers.RequireRabbitMq();
        if (!node.IsRunning)
            throw new CliException(
                $"The private RabbitMQ node of '{workspace.Environment}' is not running, so there is no broker to look into: start it with ./mosaic servers start -e {workspace.Environment} (or ./mosaic up --profile production -e {workspace.Environment}), or name the broker the system uses with {RabbitMqAdminVariable}.");
        return new RabbitMqBroker(servers.RabbitMqAccounts!.AdminUri, $"the private node {node.NodeName}");
    }

    /// <summary>
    /// Starts what is not running yet (both servers at once), prepares the services' databases and the
    /// broker's users, and returns each service's variables. <paramref name="serverStarted"/> hears of
    /// every server started, as soon as it runs, so a stop at any moment finds it.
    /// </summary>
    public async Task<Func<ServiceManifest, IReadOnlyDictionary<string, string>>> StartAsync(
        SystemManifest manifest, ConsoleOutput output, Action<IReadOnlyList<string>> serverStarted, CancellationToken cancellationToken)
    {
        // Read before any server starts: a policy that cannot be read stops up with its file and line.
        var brokerUsers = BrokerPermissions.For(PolicyInputs.Load(_workspace).Policy, manifest, _workspace.Environment);
        var postgres = PreparePostgresAsync(manifest, output, serverStarted, cancellationToken);
        var rabbitMq = PrepareRabbitMqAsync(brokerUsers, output, serverStarted, cancellationToken);
        await Task.WhenAll(postgres, rabbitMq);

        var databases = await postgres;
        var broker = await rabbitMq;
        return service => ProductionVariables.For(service, databases.ConnectionStringFor, broker);
    }

    /// <summary>Stops the private servers this run started, after the services: they may be draining into them until the end.</summary>
    public async Task StopStartedAsync(ConsoleOutput output)
    {
        var started = StartedServers;
        if (started.Count == 0) return;
        output.Line($"Stopping the private {PrivateServers.Describe(started)} of '{_workspace.Environment}'...");
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stopped = await _servers.StopAsync(started, bounded.Token);
        if (stopped.Count > 0) output.Line($"Stopped {PrivateServers.Describe(stopped)}.");
    }

    private async Task<ServiceDatabases> PreparePostgresAsync(SystemManifest manifest, ConsoleOutput output, Action<IReadOnlyList<string>> serverStarted, CancellationToken cancellationToken)
    {
        string admin;
        bool isPrivate = _postgresAdmin is null;
        if (_postgresAdmin is not null)
        {
            admin = _postgresAdmin;
            var server = new NpgsqlConnectionStringBuilder(admin);
            output.Line($"PostgreSQL: {server.Host}:{server.Port} (from {PostgresAdminVariable}).");
        }
        else
        {
            var postgres = _servers.RequirePostgres();
            output.Line($"PostgreSQL: the private server on {postgres.Location} (data in {_workspace.Display(_servers.Folders.PostgresData)})...");
            if (await _servers.StartPostgresAsync(cancellationToken)) Started(PrivateServers.PostgresName, serverStarted);
            else output.Line("PostgreSQL: was already running, and stays running when up stops.");
            admin = postgres.SuperuserConnectionString;
        }

        var databases = new ServiceDatabases(admin, _workspace.Environment, _servers.Credentials);
        var withData = manifest.StartOrder().Where(s => s.Database).Select(s => s.Name).ToList();
        await databases.EnsureAsync(withData, locksServerDatabases: isPrivate, cancellationToken);
        output.Line($"PostgreSQL: a database and role of its own for {string.Join(", ", withData)} ({ServiceDatabases.NameFor(_workspace.Environment, "SERVICE")}).");
        return databases;
    }

    /// <summary>The broker URI of each service: the named broker's as it is for all, else each service's own user on the private node (null for a service without one).</summary>
    private async Task<Func<string, Uri?>> PrepareRabbitMqAsync(IReadOnlyList<BrokerPermissions> brokerUsers, ConsoleOutput output, Action<IReadOnlyList<string>> serverStarted, CancellationToken cancellationToken)
    {
        if (_rabbitMq is { } named && _rabbitMqManagement is { } management)
        {
            var managed = new RabbitMqManagementAccounts(named, management, _workspace.Environment, _servers.Credentials);
            output.Line($"RabbitMQ:   {named.Host}:{named.Port} (from {RabbitMqAdminVariable}), its users through the management API at {management}...");
            await managed.EnsureAsync(brokerUsers, cancellationToken);
            output.Line($"RabbitMQ:   virtual host {managed.VirtualHost}, a user of its own with the policy's permissions for {string.Join(", ", brokerUsers.Select(u => u.Service))} ({BrokerPermissions.UserName(_workspace.Environment, "SERVICE")}).");
            return ServiceUris(brokerUsers, managed.ServiceUri);
        }
        if (_rabbitMq is { } shared)
        {
            output.Warning($"RabbitMQ:   {shared.Host}:{shared.Port} (from {RabbitMqAdminVariable}); every service connects as its user, so the broker does not hold them to the policy: set {RabbitMqManagementAccounts.ManagementVariable} to the broker's management API (like http://{shared.Host}:15672) to give each service a user of its own.");
            return _ => shared;
        }
        var rabbitMq = _servers.RequireRabbitMq();
        output.Line($"RabbitMQ:   the private node on {rabbitMq.Location} (data in {_workspace.Display(_servers.Folders.RabbitMq)})...");
        if (await _servers.StartRabbitMqAsync(cancellationToken)) Started(PrivateServers.RabbitMqName, serverStarted);
        else output.Line("RabbitMQ:   was already running, and stays running when up stops.");
        await _servers.PrepareRabbitMqAsync(brokerUsers, cancellationToken);
        var accounts = _servers.RabbitMqAccounts!;
        output.Line($"RabbitMQ:   virtual host {accounts.VirtualHost}, a user of its own with the policy's permissions for {string.Join(", ", brokerUsers.Select(u => u.Service))} ({BrokerPermissions.UserName(_workspace.Environment, "SERVICE")}).");
        return ServiceUris(brokerUsers, accounts.ServiceUri);
    }

    /// <summary>Each service's own URI; null for a service the policy lets neither publish nor consume.</summary>
    private static Func<string, Uri?> ServiceUris(IReadOnlyList<BrokerPermissions> brokerUsers, Func<string, Uri> serviceUri)
    {
        var users = brokerUsers.Select(u => u.Service).ToHashSet(StringComparer.Ordinal);
        return service => users.Contains(service) ? serviceUri(service) : null;
    }

    private void Started(string server, Action<IReadOnlyList<string>> serverStarted)
    {
        lock (_gate)
        {
            _started.Add(server);
            serverStarted([.. _started]);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void CheckConnectionString(string value)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(parsed.Host)) throw new ArgumentException("it names no Host");
        }
        catch (ArgumentException e)
        {
            // The value itself may hold a password: the message names the variable only.
            throw new CliException($"{PostgresAdminVariable} is not a PostgreSQL connection string ({e.Message.Split('\n')[0].TrimEnd('.')}): set it like 'Host=127.0.0.1;Port=5432;Username=postgres;Password=...'.", e);
        }
    }

    private static Uri CheckUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" && uri.Host.Length > 0
            ? uri
            : throw new CliException($"{RabbitMqAdminVariable} is not an AMQP URI: set it like 'amqp://user:password@127.0.0.1:5672/vhost'.");
}
