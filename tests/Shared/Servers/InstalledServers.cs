using Mosaic.Cli.Servers;

namespace Mosaic.Tests.Shared;

/// <summary>
/// The servers a test starts itself from the machine's packages. Without them the test is skipped,
/// saying how to get them, unless MOSAIC_REQUIRE_PRODUCTION=1 (CI), where it fails.
/// </summary>
internal static class InstalledServers
{
    public static PostgresInstallation Postgres() =>
        PostgresInstallation.Find() ?? Missing<PostgresInstallation>("PostgreSQL");

    public static RabbitMqInstallation RabbitMq() =>
        RabbitMqInstallation.Find() ?? Missing<RabbitMqInstallation>("RabbitMQ");

    private static T Missing<T>(string server)
    {
        var message = $"{server} is not installed, so this test cannot start a private server: install it with `{ServerSoftware.InstallCommand}` (as root) to run it.";
        if (ProductionServers.Required) Assert.Fail(message);
        Assert.Skip(message);
        return default!;
    }
}
