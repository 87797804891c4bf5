using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Up;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Tests.Support;
using Npgsql;

namespace Mosaic.Cli.Tests.Servers;

public class ProductionProfileTests
{
    private static readonly PostgresInstallation SomePostgres = new("/nowhere/postgresql/bin");

    [Fact]
    public void Without_servers_installed_or_named_the_production_profile_says_what_to_install_or_set()
    {
        using var workspace = TempWorkspace.WithServices("catalog");

        var error = Assert.Throws<CliException>(() =>
            ProductionProfile.Plan(workspace.Workspace(), _ => null, ServerSoftware.None));

        Assert.Contains("needs PostgreSQL and RabbitMQ", error.Message);
        Assert.Contains("apt-get install -y postgresql rabbitmq-server", error.Message);
        Assert.Contains("MOSAIC_POSTGRES_ADMIN", error.Message);
        Assert.Contains("MOSAIC_RABBITMQ_ADMIN", error.Message);
    }

    [Fact]
    public void A_named_server_needs_no_installation_and_only_the_missing_one_is_asked_for()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        var variables = new Dictionary<string, string> { ["MOSAIC_POSTGRES_ADMIN"] = "Host=db.example;Username=postgres;Password=x" };

        var error = Assert.Throws<CliException>(() =>
            ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None));

        Assert.Contains("needs RabbitMQ,", error.Message);
        Assert.DoesNotContain("PostgreSQL", error.Message);
        // Named servers for both, nothing installed: nothing is missing.
        variables["MOSAIC_RABBITMQ_ADMIN"] = "amqp://shop:pw@mq.example:5672/shop";
        ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None);
    }

    [Fact]
    public void A_malformed_server_variable_is_refused_without_repeating_its_secret()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        var variables = new Dictionary<string, string>
        {
            ["MOSAIC_POSTGRES_ADMIN"] = "Host=db;Password=hunter2;Nonsense=1",
            ["MOSAIC_RABBITMQ_ADMIN"] = "amqp://shop:pw@mq:5672/shop",
        };

        var postgres = Assert.Throws<CliException>(() => ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None));
        variables["MOSAIC_POSTGRES_ADMIN"] = "Host=db;Password=x";
        variables["MOSAIC_RABBITMQ_ADMIN"] = "http://shop:hunter2@mq/";
        var rabbitMq = Assert.Throws<CliException>(() => ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None));

        Assert.StartsWith("MOSAIC_POSTGRES_ADMIN is not a PostgreSQL connection string", postgres.Message);
        Assert.StartsWith("MOSAIC_RABBITMQ_ADMIN is not an AMQP URI", rabbitMq.Message);
        Assert.DoesNotContain("hunter2", postgres.Message + rabbitMq.Message);
    }

    [Fact]
    public void A_management_API_needs_a_named_broker_and_an_address_without_credentials()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        var variables = new Dictionary<string, string>
        {
            ["MOSAIC_POSTGRES_ADMIN"] = "Host=db;Password=x",
            ["MOSAIC_RABBITMQ_MANAGEMENT"] = "http://mq.example:15672",
        };

        var alone = Assert.Throws<CliException>(() => ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None with { RabbitMq = new RabbitMqInstallation("/nowhere/rabbitmq-server", "/nowhere/rabbitmqctl", "/nowhere/epmd") }));
        variables["MOSAIC_RABBITMQ_ADMIN"] = "amqp://shop:pw@mq.example:5672/shop";
        variables["MOSAIC_RABBITMQ_MANAGEMENT"] = "http://shop:hunter2@mq.example:15672";
        var withCredentials = Assert.Throws<CliException>(() => ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None));
        variables["MOSAIC_RABBITMQ_MANAGEMENT"] = "mq.example:15672";
        var notAnAddress = Assert.Throws<CliException>(() => ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None));
        variables["MOSAIC_RABBITMQ_MANAGEMENT"] = "https://mq.example:15671/";
        ProductionProfile.Plan(workspace.Workspace(), variables.GetValueOrDefault, ServerSoftware.None);

        Assert.StartsWith("MOSAIC_RABBITMQ_MANAGEMENT names a management API, but MOSAIC_RABBITMQ_ADMIN names no broker", alone.Message);
        Assert.StartsWith("MOSAIC_RABBITMQ_MANAGEMENT is not the address of RabbitMQ's management API", withCredentials.Message);
        Assert.StartsWith("MOSAIC_RABBITMQ_MANAGEMENT is not the address", notAnAddress.Message);
        Assert.DoesNotContain("hunter2", withCredentials.Message);
    }

    [Fact]
    public void Under_the_production_profile_each_service_gets_its_own_database_and_role_and_its_own_broker_user_if_it_has_one()
    {
        using var workspace = TempWorkspace.Empty();
        File.WriteAllText(Path.Combine(workspace.Root, "mosaic.yaml"), """
            services:
              payment-provider: { project: src/PaymentProvider, port: 21001, managementPort: 21002 }
              gateway: { project: src/Gateway, port: 21003, managementPort: 21004, database: false }
            """);
        var ws = workspace.Workspace("staging");
        var credentials = ServerCredentials.Open(new ServerFolders(ws).Credentials);
        var databases = new ServiceDatabases("Host=127.0.0.1;Port=55432;Username=postgres;Password=superuser-secret;SSL Mode=Disable", "staging", credentials);
        var broker = new Uri("amqp://mosaic-staging-payment-provider:provider-secret@127.0.0.1:55672/mosaic-staging");
        Func<string, Uri?> brokerUsers = service => service == "payment-provider" ? broker : null;
        var provider = workspace.Manifest.GetService("payment-provider");
        var gateway = workspace.Manifest.GetService("gateway");

        var launch = UpCommand.Launch(ws, provider, provider.Instance(0), ProductionVariables.For(provider, databases.ConnectionStringFor, brokerUsers));
        var gatewayLaunch = UpCommand.Launch(ws, gateway, gateway.Instance(0), ProductionVariables.For(gateway, databases.ConnectionStringFor, brokerUsers));

        Assert.Equal("staging", launch.Environment["Mosaic__Environment"]);
        Assert.Equal("postgresql", launch.Environment["Mosaic__Database__Provider"]);
        var connection = new NpgsqlConnectionStringBuilder(launch.Environment["ConnectionStrings__payment_provider"]);
        Assert.Equal(("127.0.0.1", 55432), (connection.Host, connection.Port));
        Assert.Equal("mosaic_staging_payment_provider", connection.Database);
        Assert.Equal("mosaic_staging_payment_provider", connection.Username);
        Assert.Equal(credentials.ServiceRole("payment-provider"), connection.Password);
        Assert.Equal(SslMode.Disable, connection.SslMode);
        Assert.Equal("rabbitmq", launch.Environment["Mosaic__Messaging__Transport"]);
        Assert.Equal(broker.AbsoluteUri, launch.Environment["Mosaic__Messaging__RabbitMq__Uri"]);
        // The administrators' credentials reach no service.
        Assert.DoesNotContain(launch.Environment.Values, v => v.Contains("superuser-secret", StringComparison.Ordinal));
        Assert.Equal("", launch.Environment["MOSAIC_POSTGRES_ADMIN"]);

        Assert.False(gatewayLaunch.Environment.ContainsKey("Mosaic__Database__Provider"));
        Assert.DoesNotContain(gatewayLaunch.Environment.Keys, k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
        Assert.Equal("rabbitmq", gatewayLaunch.Environment["Mosaic__Messaging__Transport"]);
        // No broker user (the policy lets it neither publish nor consume): no broker address either.
        Assert.False(gatewayLaunch.Environment.ContainsKey("Mosaic__Messaging__RabbitMq__Uri"));
    }

    [Fact]
    public async Task An_unknown_profile_is_a_usage_error_that_lists_the_profiles()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("up", "--no-build", "-e", "test", "--profile", "cloud");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("embedded", workspace.AllOutput);
        Assert.Contains("production", workspace.AllOutput);
    }
}
