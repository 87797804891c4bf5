namespace Mosaic.Cli.Servers;

/// <summary>Which of the production profile's servers are installed on this machine.</summary>
public sealed record ServerSoftware(PostgresInstallation? Postgres, RabbitMqInstallation? RabbitMq)
{
    /// <summary>The Debian packages that provide both.</summary>
    public const string InstallCommand = "apt-get install -y postgresql rabbitmq-server";

    public static ServerSoftware Detect() => new(PostgresInstallation.Find(), RabbitMqInstallation.Find());

    public static ServerSoftware None { get; } = new(null, null);
}
