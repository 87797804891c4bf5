using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Workspace;

namespace Mosaic.Tests.Shared;

/// <summary>
/// A throwaway checkout for private servers, on ports nothing else holds. Disposing stops whatever the
/// test started there, even when the test failed half-way, then deletes the folder.
/// </summary>
internal sealed class ServerTestFolder : IAsyncDisposable
{
    private readonly List<Func<Task>> _stops = [];

    public ServerTestFolder()
    {
        Root = Directory.CreateTempSubdirectory("mosaic-servers-test-").FullName;
        // Under root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Root, (UnixFileMode)0b111_101_101);
        Workspace = new MosaicWorkspace(Root, "test");
        Ports = FreePorts();
    }

    public string Root { get; }

    public MosaicWorkspace Workspace { get; }

    public ServerPorts Ports { get; }

    public ServerFolders Folders => new(Workspace);

    /// <summary>The environment's servers on this folder's ports.</summary>
    /// <param name="management">Whether the RabbitMQ node runs its management plugin (on the free port 2 above its own).</param>
    public PrivateServers Servers(ServerSoftware? software = null, bool management = false)
    {
        var servers = PrivateServers.Open(Workspace, Ports.Postgres, Ports.RabbitMq, software ?? new ServerSoftware(InstalledServers.Postgres(), RabbitMqInstallation.Find()), management);
        _stops.Add(() => servers.StopAsync(null, CancellationToken.None));
        return servers;
    }

    /// <param name="management">Whether the node runs RabbitMQ's management plugin (on the free port 2 above its own).</param>
    public PrivateServers RabbitMqServers(bool management = false)
    {
        var servers = PrivateServers.Open(Workspace, Ports.Postgres, Ports.RabbitMq, new ServerSoftware(PostgresInstallation.Find(), InstalledServers.RabbitMq()), management);
        _stops.Add(() => servers.StopAsync(null, CancellationToken.None));
        return servers;
    }

    /// <summary>A bound on a test that starts servers: generous for a busy two-core machine, finite all the same.</summary>
    public static CancellationTokenSource Bounded()
    {
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bounded.CancelAfter(TimeSpan.FromMinutes(3));
        return bounded;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stop in _stops) await stop();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>
    /// A PostgreSQL port and a RabbitMQ port whose neighbours (epmd 3 below, distribution 1 above, management 2 above) are free
    /// too, below the range FreePort hands to other tests, so none of them can take a neighbour meanwhile.
    /// </summary>
    private static ServerPorts FreePorts()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var postgres = Random.Shared.Next(10000, 19990);
            var rabbitMq = postgres + 5;
            if (((int[])[postgres, rabbitMq - 3, rabbitMq, rabbitMq + 1, rabbitMq + 2]).All(PortCheck.IsFree) && Taken.TryAdd(postgres, true))
                return new ServerPorts(postgres, rabbitMq);
        }
        throw new InvalidOperationException("No free ports for the private servers between 10000 and 20000.");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> Taken = new();
}
