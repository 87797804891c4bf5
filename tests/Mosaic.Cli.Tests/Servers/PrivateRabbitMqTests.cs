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
}
