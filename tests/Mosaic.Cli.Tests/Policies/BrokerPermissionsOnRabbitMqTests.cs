using System.Text;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Messaging.RabbitMq;
using Mosaic.Platform.Messaging.Transport;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Cli.Tests.Policies;

/// <summary>
/// The users <c>mosaic</c> makes from the shop's policy on a real RabbitMQ node of the test's own: each service,
/// through the platform's transport, declares, binds, consumes, retries, dead-letters and publishes what is its
/// own; the broker refuses it everything else.
/// </summary>
public sealed class BrokerPermissionsOnRabbitMqTests
{
    private const ushort AccessRefused = 403;

    [Fact]
    public async Task Each_service_user_can_do_its_own_work_and_the_broker_refuses_it_other_event_types_and_other_queues()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = await StartAsync(folder, ShopUsers(folder), bounded.Token);
        var accounts = servers.RabbitMqAccounts!;
        var catalogUri = accounts.ServiceUri("catalog");

        // Allowed: each declares and binds its own queue to the events it consumes, as the services do at start.
        await using var catalog = TestBus.OnBroker(catalogUri);
        await using var orders = TestBus.OnBroker(accounts.ServiceUri("orders"));
        await using var payments = TestBus.OnBroker(accounts.ServiceUri("payments"));
        await catalog.DeclareAsync("catalog", "orders.order-placed.v1", "orders.order-cancelled.v1");
        await orders.DeclareAsync("orders", "catalog.stock-reserved.v1");
        await payments.DeclareAsync("payments", "orders.payment-requested.v1");
        // Orders publishes what it may; catalog retries it through a retry queue, then takes it again.
        await orders.PublishAsync("orders.order-placed.v1", new { orderId = Guid.NewGuid() });
        Assert.Single(await catalog.ConsumeAsync("catalog", 1, DeliveryOutcome.Retry(TimeSpan.FromMilliseconds(100), "not yet")));
        // The copy went through catalog's own retry queue (a refused copy would leave the original to come back instead).
        Assert.NotNull(await MessagesInAsync(accounts.AdminUri, BrokerTopology.RetryQueue("catalog", TimeSpan.FromMilliseconds(100)), bounded.Token));
        Assert.Single(await catalog.ConsumeAsync("catalog", 1, DeliveryOutcome.Ack()));
        // A dead letter goes to catalog's own dead-letter queue; catalog's event reaches orders.
        await orders.PublishAsync("orders.order-cancelled.v1", new { orderId = Guid.NewGuid() });
        Assert.Single(await catalog.ConsumeAsync("catalog", 1, DeliveryOutcome.DeadLetter("broken on purpose")));
        await catalog.PublishAsync("catalog.stock-reserved.v1", new { orderId = Guid.NewGuid() });
        Assert.Single(await orders.ConsumeAsync("orders", 1, DeliveryOutcome.Ack()));
        Assert.Equal((uint?)1, await MessagesInAsync(accounts.AdminUri, BrokerTopology.DeadLetterQueue("catalog"), bounded.Token));

        // Refused: publishing an event type the policy gives to another service (topic permission).
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.BasicPublishAsync("mosaic.events", "orders.order-placed.v1", Body()).AsTask()));
        // Refused: consuming another service's queue, or its dead letters.
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.BasicConsumeAsync("payments", autoAck: false, new AsyncEventingBasicConsumerStub(c))));
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.BasicGetAsync("orders.dead-letter", autoAck: false)));
        // Refused: subscribing its queue to an event type it may not consume (topic permission on the binding).
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.QueueBindAsync("catalog", "mosaic.events", "orders.payment-requested.v1")));
        // Refused: writing straight into another service's queue through the default exchange.
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.BasicPublishAsync("", "payments", Body()).AsTask()));
        // Refused: changing what is not its own: another's queue, the shared events exchange.
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.QueueDeclareAsync("payments", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" })));
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.ExchangeDeleteAsync("mosaic.events")));
        // And the control: the same check lets an allowed publish through.
        Assert.Null(await RefusalAsync(catalogUri, c => c.BasicPublishAsync("mosaic.events", "catalog.stock-reservation-failed.v1", Body()).AsTask()));
    }

    [Fact]
    public async Task Services_the_policy_no_longer_names_lose_their_user_and_the_shared_user_of_earlier_versions_is_removed()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var all = ShopUsers(folder);
        var servers = await StartAsync(folder, all, bounded.Token);
        await using (await Connect(servers.RabbitMqAccounts!.ServiceUri("payments"), bounded.Token)) { }

        await servers.PrepareRabbitMqAsync([.. all.Where(p => p.Service != "payments")], bounded.Token);

        await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(servers.RabbitMqAccounts.ServiceUri("payments"), bounded.Token));
        await using (await Connect(servers.RabbitMqAccounts.ServiceUri("orders"), bounded.Token)) { }
        var users = await servers.RabbitMq!.Ctl(["list_users", "--quiet"]).RunAsync(bounded.Token);
        Assert.DoesNotContain("\napp\t", "\n" + users.Output);
    }

    [Fact]
    public async Task On_a_broker_of_your_own_the_users_are_made_through_its_management_API_and_only_those_mosaic_made_are_removed()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        // The broker as an operator hands it over: an administrator in a virtual host, the management plugin on.
        var broker = folder.RabbitMqServers(management: true);
        await broker.StartRabbitMqAsync(bounded.Token);
        await broker.PrepareRabbitMqAsync(bounded.Token);
        var admin = broker.RabbitMqAccounts!.AdminUri;
        var management = broker.RabbitMq!.ManagementUri!;
        // Another environment's user whose name starts like this one's, and one of the operator's own.
        await broker.RabbitMq.Ctl(["add_user", "mosaic-named-a-orders", "not-mosaics"]).RunAsync(bounded.Token);
        await broker.RabbitMq.Ctl(["add_user", "operator", "not-mosaics"]).RunAsync(bounded.Token);
        var credentials = ServerCredentials.Open(Path.Combine(folder.Root, "named", "credentials.json"));
        var all = BrokerPermissions.For(ShopCheckout.Policy, ShopCheckout.Manifest, "named");
        var accounts = new RabbitMqManagementAccounts(admin, management, "named", credentials);

        await accounts.EnsureAsync(all, bounded.Token);

        var catalogUri = accounts.ServiceUri("catalog");
        Assert.Equal("mosaic-named-catalog", catalogUri.UserInfo.Split(':')[0]);
        Assert.Equal((admin.Host, admin.Port, admin.AbsolutePath), (catalogUri.Host, catalogUri.Port, catalogUri.AbsolutePath));
        // Catalog sets up its own queue as the service does at start, then is held to the policy.
        await using (var catalog = TestBus.OnBroker(catalogUri)) await catalog.DeclareAsync("catalog", "orders.order-placed.v1");
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.BasicPublishAsync("mosaic.events", "orders.order-placed.v1", Body()).AsTask()));
        Assert.Equal(AccessRefused, await RefusalAsync(catalogUri, c => c.BasicPublishAsync("", "payments", Body()).AsTask()));
        Assert.Null(await RefusalAsync(catalogUri, c => c.BasicPublishAsync("mosaic.events", "catalog.stock-reservation-failed.v1", Body()).AsTask()));
        await using (await Connect(accounts.ServiceUri("payments"), bounded.Token)) { }

        // Payments leaves the policy: its user goes; no user mosaic did not make is touched.
        await accounts.EnsureAsync([.. all.Where(p => p.Service != "payments")], bounded.Token);

        await Assert.ThrowsAsync<BrokerUnreachableException>(() => Connect(accounts.ServiceUri("payments"), bounded.Token));
        await using (await Connect(accounts.ServiceUri("orders"), bounded.Token)) { }
        var users = "\n" + (await broker.RabbitMq.Ctl(["list_users", "--quiet"]).RunAsync(bounded.Token)).Output;
        Assert.Contains("\nmosaic-named-a-orders\t", users);
        Assert.Contains("\noperator\t", users);
        Assert.DoesNotContain("\nmosaic-named-payments\t", users);

        // A wrong password, and an address where no management API listens, each get a sentence that says what to do.
        var wrongPassword = new UriBuilder(admin) { Password = "hunter2" }.Uri;
        var refused = await Assert.ThrowsAsync<CliException>(() => new RabbitMqManagementAccounts(wrongPassword, management, "named", credentials).EnsureAsync(all, bounded.Token));
        var silent = await Assert.ThrowsAsync<CliException>(() => new RabbitMqManagementAccounts(admin, new Uri($"http://127.0.0.1:{folder.Ports.RabbitMq}/"), "named", credentials).EnsureAsync(all, bounded.Token));
        Assert.StartsWith($"RabbitMQ's management API at {management} refused the user name or password in MOSAIC_RABBITMQ_ADMIN (admin)", refused.Message);
        Assert.DoesNotContain("hunter2", refused.Message);
        Assert.Contains("enable the rabbitmq_management plugin on that broker, or correct MOSAIC_RABBITMQ_MANAGEMENT", silent.Message);
    }

    private static IReadOnlyList<BrokerPermissions> ShopUsers(ServerTestFolder folder) =>
        BrokerPermissions.For(ShopCheckout.Policy, ShopCheckout.Manifest, folder.Workspace.Environment);

    /// <summary>The folder's private node, running, with these service users.</summary>
    private static async Task<PrivateServers> StartAsync(ServerTestFolder folder, IReadOnlyList<BrokerPermissions> users, CancellationToken cancellationToken)
    {
        var servers = folder.RabbitMqServers();
        await servers.StartRabbitMqAsync(cancellationToken);
        await servers.PrepareRabbitMqAsync(users, cancellationToken);
        return servers;
    }

    /// <summary>The reply code the broker closed the channel with for <paramref name="action"/>, or null when it allowed it.</summary>
    private static async Task<ushort?> RefusalAsync(Uri user, Func<IChannel, Task> action)
    {
        await using var connection = await Connect(user, TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await action(channel);
            // A refused publish has no answer: the broker closes the channel, before it answers the next command.
            await channel.QueueDeclarePassiveAsync("catalog");
            return null;
        }
        catch (Exception e) when (e is OperationInterruptedException or AlreadyClosedException)
        {
            return channel.CloseReason?.ReplyCode;
        }
    }

    /// <summary>How many messages wait in <paramref name="queue"/>, or null when there is no such queue.</summary>
    private static async Task<uint?> MessagesInAsync(Uri admin, string queue, CancellationToken cancellationToken)
    {
        await using var connection = await Connect(admin, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    private static ReadOnlyMemory<byte> Body() => Encoding.UTF8.GetBytes("{}");

    private static Task<IConnection> Connect(Uri uri, CancellationToken cancellationToken) =>
        new ConnectionFactory { Uri = uri, AutomaticRecoveryEnabled = false, RequestedConnectionTimeout = TimeSpan.FromSeconds(10) }
            .CreateConnectionAsync(cancellationToken);

    /// <summary>A consumer that is never meant to receive anything: the broker refuses it first.</summary>
    private sealed class AsyncEventingBasicConsumerStub(IChannel channel) : AsyncDefaultBasicConsumer(channel);
}
