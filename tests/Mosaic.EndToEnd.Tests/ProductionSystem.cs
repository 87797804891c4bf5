using Mosaic.Cli.Servers;
using Mosaic.Cli.Workspace;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// The system under <c>./mosaic up --profile production</c>: every service on PostgreSQL and RabbitMQ,
/// on private servers that <c>up</c> starts itself (on ports of their own, clear of a developer's) and
/// <c>down</c> stops. Tests restart those servers through <see cref="Servers"/>.
/// </summary>
public sealed class ProductionSystem() : MosaicSystem("e2e-production", "production")
{
    public const int PostgresPort = 59432;
    public const int RabbitMqPort = 59672;

    private string? unavailable;

    public PrivateServers Servers => PrivateServers.Open(new MosaicWorkspace(Root, Environment));

    public override async ValueTask InitializeAsync()
    {
        if (PostgresInstallation.Find() is null || RabbitMqInstallation.Find() is null)
        {
            unavailable = $"PostgreSQL or RabbitMQ is not installed, so the production profile cannot run: install them with `{ServerSoftware.InstallCommand}` (as root).";
            // CI installs both: there a missing server fails every production test rather than skipping it.
            if (ProductionServers.Required) throw new InvalidOperationException(unavailable);
            return;
        }
        // Servers a killed earlier run left behind would hold the data folder that is about to be deleted.
        await RunAsync("servers", "stop", "--environment", Environment);
        await base.InitializeAsync();
    }

    protected override string[] UpArguments() =>
        [.. base.UpArguments(), "--postgres-port", $"{PostgresPort}", "--rabbitmq-port", $"{RabbitMqPort}"];

    /// <summary>Skips the calling test when the servers are not installed (outside CI).</summary>
    public void Require()
    {
        if (unavailable is not null) Assert.Skip(unavailable);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // `down` stops the servers `up` started; this catches an `up` that died before it could.
        if (unavailable is null) await RunAsync("servers", "stop", "--environment", Environment);
    }
}
