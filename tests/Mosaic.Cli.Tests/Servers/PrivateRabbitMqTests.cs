using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Cli.Tests.Servers;

public class PrivateRabbitMqTests
{
    [Fact]
    public async Task RabbitMQ_starts_with_its_own_users_and_virtual_host_and_a_second_start_reuses_it()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.RabbitMqServers();

        Assert.True(await servers.StartRabbitMqAsync(bounded.Token));
        await servers.PrepareRabbitMqAsync(bounded.Token);
        Assert.False(await servers.StartRabbitMqAsync(bounded.Token));
        await servers.PrepareRabbitMqAsync(bounded.Token);

        var accounts = servers.RabbitMqAccounts!;
        Assert.Equal("/mosaic-test", accounts.AdminUri.AbsolutePath);
        await using (var admin = await Connect(accounts.AdminUri, bounded.Token))
        await using (var channel = await admin.CreateChannelAsync(cancellationToken: bounded.Token))
        {
            // The administrator may declare anything in its virtual host, and finds the events exchange declared.
            await channel.QueueDeclareAsync("mosaic-test-probe", durable: true, exclusive: false, autoDelete: true, cancellationToken: bounded.Token);
            await channel.ExchangeDeclarePassiveAsync("mosaic.events", bounded.Token);
        }
        var guest = new Uri($"amqp://guest:guest@127.0.0.1:{folder.Ports.RabbitMq}/");
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(guest, bounded.Token));

        await servers.StopAsync(null, bounded.Token);
        Assert.False(servers.RabbitMq!.IsRunning);
        Assert.True(PortCheck.IsFree(folder.Ports.RabbitMq));
        Assert.True(PortCheck.IsFree(folder.Ports.Epmd));
    }

    private static Task<IConnection> Connect(Uri uri, CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = uri, AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(10) }
            .CreateConnectionAsync(cancellationToken);

    [Fact]
    public async Task The_node_finds_its_erlang_cookie_already_written_and_readable_by_its_owner_alone()
    {
        await using var folder = new ServerTestFolder();
        var bin = Directory.CreateDirectory(Path.Combine(folder.Root, "fake-rabbitmq")).FullName;
        var seen = Path.Combine(folder.Root, "cookie-at-start");
        // A server that notes how it found the cookie and stops; tools that wait; a port mapper that says yes.
        var installation = new RabbitMqInstallation(
            Script(bin, "rabbitmq-server", $"stat -c %a \"$HOME/.erlang.cookie\" > '{seen}' 2>&1; exit 1"),
            Script(bin, "rabbitmqctl", "sleep 30"),
            Script(bin, "epmd", "exit 0"));
        var node = new PrivateRabbitMq(folder.Folders, installation, folder.Ports);

        var failure = await Assert.ThrowsAsync<CliException>(() => node.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("RabbitMQ stopped while starting", failure.Message);
        Assert.Equal("400", File.ReadAllText(seen).Trim());
        var cookie = File.ReadAllText(Path.Combine(folder.Folders.RabbitMq, ".erlang.cookie"));
        Assert.Matches("^[A-Z]{20}$", cookie);
    }

    [Fact]
    public void An_erlang_error_whose_text_is_on_the_next_line_is_reported_with_it()
    {
        string[] log =
        [
            "2026-11-22 20:24:40.1+00:00 [info] <0.1.0> starting",
            "2026-11-22 20:24:48.5+00:00 [error] <0.909.0>",
            "2026-11-22 20:24:48.5+00:00 [error] <0.909.0> ** Connection attempt from node 'rabbitmqcli' rejected. Invalid challenge reply. **",
            "2026-11-22 20:24:49.5+00:00 [error] <0.910.0>",
            "  Failed to start Ranch listener",
            "2026-11-22 20:24:50.0+00:00 [info] <0.1.0> done",
        ];

        Assert.Equal("2026-11-22 20:24:49.5+00:00 [error] <0.910.0> Failed to start Ranch listener", PrivateRabbitMq.LastError(log));
        Assert.Equal(log[2], PrivateRabbitMq.LastError(log[..3]));
        Assert.Null(PrivateRabbitMq.LastError([log[0]]));
    }

    private static string Script(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
