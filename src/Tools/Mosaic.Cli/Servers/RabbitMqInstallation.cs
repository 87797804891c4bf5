namespace Mosaic.Cli.Servers;

/// <summary>An installed RabbitMQ: its server script, <c>rabbitmqctl</c>, and Erlang's port mapper <c>epmd</c>.</summary>
public sealed record RabbitMqInstallation(string Server, string Ctl, string Epmd)
{
    /// <summary>
    /// Debian's scripts that run the broker as the invoking user; <c>/usr/sbin/rabbitmq-server</c> would
    /// switch to the package's own system user and its system-wide data instead.
    /// </summary>
    public const string DebianBin = "/usr/lib/rabbitmq/bin";

    public static RabbitMqInstallation? Find(string bin = DebianBin, string? path = null)
    {
        var server = Path.Combine(bin, "rabbitmq-server");
        var ctl = Path.Combine(bin, "rabbitmqctl");
        var epmd = ExecutableSearch.OnPath("epmd", path);
        return File.Exists(server) && File.Exists(ctl) && epmd is not null ? new RabbitMqInstallation(server, ctl, epmd) : null;
    }
}
