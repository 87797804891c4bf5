using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Tests.Policies;
using Mosaic.Tests.Shared;
using RabbitMQ.Client;

namespace Mosaic.Cli.Tests.Servers;

/// <summary>
/// <c>up --profile production</c> on servers of your own (here: a private PostgreSQL and a RabbitMQ node with its
/// management plugin, both of the test's own folder, named through the variables as a user would name theirs).
/// </summary>
public sealed class NamedServersProfileTests
{
    [Fact]
    public async Task Named_servers_with_a_management_API_give_each_service_its_own_database_and_its_own_broker_user()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.Servers(new ServerSoftware(InstalledServers.Postgres(), InstalledServers.RabbitMq()), management: true);
        await Task.WhenAll(servers.StartPostgresAsync(bounded.Token), servers.StartRabbitMqAsync(bounded.Token));
        await servers.PrepareRabbitMqAsync(bounded.Token);
        using var shop = ShopCheckout.Workspace();
        var variables = new Dictionary<string, string>
        {
            ["MOSAIC_POSTGRES_ADMIN"] = servers.Postgres!.SuperuserConnectionString,
            ["MOSAIC_RABBITMQ_ADMIN"] = servers.RabbitMqAccounts!.AdminUri.AbsoluteUri,
            ["MOSAIC_RABBITMQ_MANAGEMENT"] = servers.RabbitMq!.ManagementUri!.AbsoluteUri,
        };
        // Nothing installed as far as this plan knows: both servers come from the variables alone.
        var profile = ProductionProfile.Plan(shop.Workspace("named"), variables.GetValueOrDefault, ServerSoftware.None);
        var manifest = shop.Manifest;

        var launch = await profile.StartAsync(manifest, shop.Output, _ => { }, bounded.Token);

        var orders = new Uri(launch(manifest.GetService("orders"))["Mosaic__Messaging__RabbitMq__Uri"]);
        Assert.Equal("mosaic-named-orders", orders.UserInfo.Split(':')[0]);
        Assert.Equal(servers.RabbitMqAccounts.AdminUri.Port, orders.Port);
        await using (await new ConnectionFactory { Uri = orders, AutomaticRecoveryEnabled = false }.CreateConnectionAsync(bounded.Token)) { }
        Assert.False(launch(manifest.GetService("identity")).ContainsKey("Mosaic__Messaging__RabbitMq__Uri"));
        Assert.Contains("its users through the management API", shop.AllOutput);
        Assert.Empty(profile.StartedServers);
    }

    [Fact]
    public async Task A_named_broker_without_a_management_API_is_shared_by_every_service_and_up_says_so()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.Servers();
        await servers.StartPostgresAsync(bounded.Token);
        using var shop = ShopCheckout.Workspace();
        var named = new Uri("amqp://shop:hunter2@mq.example:5672/shop");
        var variables = new Dictionary<string, string>
        {
            ["MOSAIC_POSTGRES_ADMIN"] = servers.Postgres!.SuperuserConnectionString,
            ["MOSAIC_RABBITMQ_ADMIN"] = named.AbsoluteUri,
        };
        var profile = ProductionProfile.Plan(shop.Workspace("shared"), variables.GetValueOrDefault, ServerSoftware.None);
        var manifest = shop.Manifest;

        var launch = await profile.StartAsync(manifest, shop.Output, _ => { }, bounded.Token);

        Assert.Equal(named.AbsoluteUri, launch(manifest.GetService("orders"))["Mosaic__Messaging__RabbitMq__Uri"]);
        Assert.Contains("every service connects as its user, so the broker does not hold them to the policy: set MOSAIC_RABBITMQ_MANAGEMENT", shop.AllOutput);
        Assert.DoesNotContain("hunter2", shop.AllOutput);
    }
}
