using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Messaging.Transport;
using RabbitMQ.Client;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>mosaic bus</c> on the production profile, where the bus is RabbitMQ. Most tests name the shared test
/// broker (<c>MOSAIC_TEST_RABBITMQ</c>) with <c>MOSAIC_RABBITMQ_ADMIN</c>, as a user would name a broker of
/// their own, and give their services names (so queues) and an exchange of their own, deleted afterwards.
/// One starts the environment's private node and finds it the way a running <c>up</c> leaves it.
/// </summary>
public sealed class RabbitMqBusCommandTests : IAsyncDisposable
{
    private const string OrderPlaced = "orders.order-placed.v1";
    private const string PaymentRequested = "orders.payment-requested.v1";
    private const string HandlerError = "InvalidOperationException: product 42 has no price\n   at Catalog.Reserve()\n   at Catalog.Handle()";

    private readonly string suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly List<string> sharedBrokerQueues = [];
    private string? sharedBrokerExchange;

    private string Catalog => $"catalog-{suffix}";

    private string Payments => $"payments-{suffix}";

    /// <summary>A workspace whose production profile's broker is the shared test broker, named as a user's own.</summary>
    private TempWorkspace OnSharedBroker()
    {
        var workspace = TempWorkspace.WithServices(Catalog, Payments, $"orders-{suffix}");
        workspace.Variables[ProductionProfile.RabbitMqAdminVariable] = ProductionServers.RequireRabbitMq();
        return workspace;
    }

    private Task<SeededBus> SeedSharedBrokerAsync()
    {
        sharedBrokerExchange = $"mosaic.cli-tests.{suffix}";
        sharedBrokerQueues.AddRange([Catalog, Payments]);
        return SeedAsync(new Uri(ProductionServers.RequireRabbitMq()), Catalog, Payments, sharedBrokerExchange);
    }

    /// <summary>
    /// <paramref name="catalog"/>'s queue: two order-placed messages its handler dead-lettered, then one more
    /// waiting; <paramref name="payments"/>' queue: three payment requests nobody has taken yet.
    /// </summary>
    private static async Task<SeededBus> SeedAsync(Uri broker, string catalog, string payments, string? exchange)
    {
        var bus = TestBus.OnBroker(broker, exchange);
        await bus.DeclareAsync(catalog, OrderPlaced);
        await bus.DeclareAsync(payments, PaymentRequested);
        await bus.PublishAsync(OrderPlaced, new { orderId = Guid.NewGuid(), lines = new[] { new { productId = 42, quantity = 1 } } });
        await bus.PublishAsync(OrderPlaced, new { orderId = Guid.NewGuid(), lines = new[] { new { productId = 42, quantity = 2 } } });
        var dead = await bus.ConsumeAsync(catalog, 2, DeliveryOutcome.DeadLetter(HandlerError));
        var waiting = await bus.PublishAsync(OrderPlaced, new { orderId = Guid.NewGuid() });
        for (var i = 0; i < 3; i++) await bus.PublishAsync(PaymentRequested, new { orderId = Guid.NewGuid(), amountCents = 1000 + i });
        return new SeededBus(bus, dead, waiting);
    }

    private sealed record SeededBus(TestBus Bus, IReadOnlyList<Guid> Dead, Guid Waiting) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bus.DisposeAsync();
    }

    private static async Task<JsonElement> JsonOfAsync(TempWorkspace workspace, params string[] args)
    {
        workspace.Out.GetStringBuilder().Clear();
        var exitCode = await workspace.RunAsync([.. args, "-e", "test", "--json"]);
        Assert.True(exitCode == ExitCodes.Success, workspace.AllOutput);
        using var json = JsonDocument.Parse(workspace.Out.ToString());
        return json.RootElement.Clone();
    }

    private static async Task<List<JsonElement>> DeadLettersAsync(TempWorkspace workspace, params string[] extra) =>
        [.. (await JsonOfAsync(workspace, ["bus", "dlq", "list", .. extra])).EnumerateArray()];

    private static async Task<Dictionary<string, JsonElement>> QueuesAsync(TempWorkspace workspace, params string[] extra) =>
        (await JsonOfAsync(workspace, ["bus", "stats", .. extra])).GetProperty("queues").EnumerateArray()
            .ToDictionary(q => q.GetProperty("queue").GetString()!);

    [Fact]
    public async Task Stats_on_the_production_profile_count_each_service_queue_and_its_dead_letters_with_a_dash_for_what_rabbitmq_cannot_tell()
    {
        using var workspace = OnSharedBroker();
        await using var seeded = await SeedSharedBrokerAsync();

        var stats = await JsonOfAsync(workspace, "bus", "stats", "--profile", "production");

        Assert.Equal("rabbitmq", stats.GetProperty("transport").GetString());
        Assert.True(stats.GetProperty("busExists").GetBoolean());
        var queues = stats.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!);
        // orders consumes nothing here, so it has no queue and no row.
        Assert.Equal([Catalog, Payments], queues.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, queues[Catalog].GetProperty("ready").GetInt64());
        Assert.Equal(2, queues[Catalog].GetProperty("deadLettered").GetInt64());
        Assert.Equal(3, queues[Payments].GetProperty("ready").GetInt64());
        Assert.Equal(0, queues[Payments].GetProperty("deadLettered").GetInt64());
        Assert.Equal(JsonValueKind.Null, queues[Catalog].GetProperty("inFlight").ValueKind);
        Assert.Equal(JsonValueKind.Null, queues[Payments].GetProperty("oldestReadyAgeSeconds").ValueKind);

        workspace.Out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("bus", "stats", "-e", "test", "--profile", "production"));
        var output = workspace.Out.ToString();
        var broker = new Uri(ProductionServers.RequireRabbitMq());
        Assert.Contains($"Queues on the rabbitmq bus ({broker.Host}:{broker.Port}/", output);
        var catalogRow = output.Split('\n').Single(l => Cells(l).FirstOrDefault() == Catalog && Cells(l).Count() == 5);
        Assert.Equal([Catalog, "1", "-", "2", "-"], Cells(catalogRow));
        Assert.Contains($"2 dead letter(s) in '{Catalog}': see ./mosaic bus dlq list -e test --profile production.", output);
        Assert.DoesNotContain(broker.UserInfo, workspace.AllOutput + stats);
    }

    [Fact]
    public async Task Dlq_list_and_show_on_rabbitmq_give_each_dead_letter_with_its_error_and_envelope_and_leave_it_there()
    {
        using var workspace = OnSharedBroker();
        await using var seeded = await SeedSharedBrokerAsync();

        var letters = await DeadLettersAsync(workspace, "--profile", "production");

        Assert.Equal(seeded.Dead.Order(), letters.Select(l => l.GetProperty("messageId").GetGuid()).Order());
        Assert.All(letters, l =>
        {
            Assert.Equal(Catalog, l.GetProperty("queue").GetString());
            Assert.Equal(OrderPlaced, l.GetProperty("eventType").GetString());
            Assert.Equal(1, l.GetProperty("attempts").GetInt32());
            Assert.Equal(HandlerError, l.GetProperty("error").GetString());
        });
        Assert.Single(await DeadLettersAsync(workspace, "--profile", "production", "--limit", "1"));
        Assert.Empty(await DeadLettersAsync(workspace, "--profile", "production", "--queue", Payments));

        var id = letters.Single(l => l.GetProperty("messageId").GetGuid() == seeded.Dead[0]).GetProperty("id").GetString()!;
        workspace.Out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("bus", "dlq", "show", id, "-e", "test", "--profile", "production"));
        var shown = workspace.Out.ToString();
        Assert.Contains($"Dead letter {id}", shown);
        Assert.Contains($"message id:     {seeded.Dead[0]}", shown);
        Assert.Contains("     at Catalog.Reserve()", shown);
        Assert.Contains("\"productId\": 42,", shown);
        Assert.Contains($"Put it back on '{Catalog}' with ./mosaic bus dlq redrive {id} -e test --profile production.", shown);

        // Reading takes nothing away: the letters are still there, in the queue's count too.
        Assert.Equal(2, (await DeadLettersAsync(workspace, "--profile", "production")).Count);
        Assert.Equal(2, (await QueuesAsync(workspace, "--profile", "production"))[Catalog].GetProperty("deadLettered").GetInt64());
    }

    [Fact]
    public async Task Redriving_on_rabbitmq_puts_letters_back_by_id_and_by_queue_where_the_consumer_takes_them_again()
    {
        using var workspace = OnSharedBroker();
        await using var seeded = await SeedSharedBrokerAsync();
        var letters = await DeadLettersAsync(workspace, "--profile", "production");
        var second = letters.Single(l => l.GetProperty("messageId").GetGuid() == seeded.Dead[1]).GetProperty("id").GetString()!;

        workspace.Out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("bus", "dlq", "redrive", second, "-e", "test", "--profile", "production"));
        Assert.Contains("1 dead letter(s) went back to their queue.", workspace.Out.ToString());
        Assert.Equal([seeded.Dead[0]], (await DeadLettersAsync(workspace, "--profile", "production")).Select(l => l.GetProperty("messageId").GetGuid()));

        workspace.Out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("bus", "dlq", "redrive", "--queue", Catalog, "-e", "test", "--profile", "production"));
        Assert.Contains($"1 dead letter(s) went back to '{Catalog}'.", workspace.Out.ToString());
        Assert.Empty(await DeadLettersAsync(workspace, "--profile", "production"));
        var catalog = (await QueuesAsync(workspace, "--profile", "production"))[Catalog];
        Assert.Equal((3, 0), (catalog.GetProperty("ready").GetInt64(), catalog.GetProperty("deadLettered").GetInt64()));

        var handled = await seeded.Bus.ConsumeAsync(Catalog, 3, DeliveryOutcome.Ack());
        Assert.Equal(new[] { seeded.Waiting, seeded.Dead[0], seeded.Dead[1] }.Order(), handled.Order());
    }

    [Fact]
    public async Task Redriving_on_rabbitmq_an_unknown_queue_or_id_moves_nothing_and_says_what_there_is()
    {
        using var workspace = OnSharedBroker();
        await using var seeded = await SeedSharedBrokerAsync();
        var known = (await DeadLettersAsync(workspace, "--profile", "production"))[0].GetProperty("id").GetString()!;

        var byQueue = await workspace.RunAsync("bus", "dlq", "redrive", "--queue", "katalog", "-e", "test", "--profile", "production");
        var byId = await workspace.RunAsync("bus", "dlq", "redrive", known, $"{Catalog}/nope", "-e", "test", "--profile", "production");

        Assert.Equal(ExitCodes.Failure, byQueue);
        Assert.Equal(ExitCodes.Failure, byId);
        var errors = workspace.Error.ToString().Trim().Split('\n');
        Assert.Equal($"There is no queue 'katalog' in 'test': the queues are {Catalog}, {Payments}.", errors[0].Trim());
        Assert.StartsWith($"No dead letter with id '{Catalog}/nope' in 'test', so nothing was redriven: run ./mosaic bus dlq list -e test --profile production", errors[1]);
        Assert.Equal(2, (await DeadLettersAsync(workspace, "--profile", "production")).Count);
    }

    [Fact]
    public async Task A_broker_that_refuses_the_login_is_one_sentence_that_names_where_it_is_and_not_the_password()
    {
        var broker = new UriBuilder(ProductionServers.RequireRabbitMq()) { Password = $"not-the-password-{suffix}" }.Uri;
        using var workspace = TempWorkspace.WithServices(Catalog);
        workspace.Variables[ProductionProfile.RabbitMqAdminVariable] = broker.AbsoluteUri;

        var stats = await workspace.RunAsync("bus", "stats", "-e", "test", "--profile", "production");
        var list = await workspace.RunAsync("bus", "dlq", "list", "-e", "test", "--profile", "production");

        Assert.Equal(ExitCodes.Failure, stats);
        Assert.Equal(ExitCodes.Failure, list);
        var errors = workspace.Error.ToString().Trim().Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.StartsWith($"RabbitMQ at {broker.Host}:{broker.Port}/", e.Trim()));
        Assert.All(errors, e => Assert.Contains("(from MOSAIC_RABBITMQ_ADMIN) refused mosaic's user name or password", e));
        Assert.DoesNotContain($"not-the-password-{suffix}", workspace.AllOutput);
    }

    [Fact]
    public async Task The_production_profile_with_its_private_node_stopped_says_how_to_start_it_and_creates_nothing()
    {
        InstalledServers.RabbitMq();
        using var workspace = TempWorkspace.WithServices("catalog");

        var exitCode = await workspace.RunAsync("bus", "dlq", "list", "-e", "test", "--profile", "production");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.StartsWith(
            "The private RabbitMQ node of 'test' is not running, so there is no broker to look into: start it with ./mosaic servers start -e test",
            workspace.Error.ToString().Trim());
        Assert.False(Directory.Exists(Path.Combine(workspace.Workspace().StateDirectory, "servers")));
    }

    [Fact]
    public async Task With_a_production_up_running_the_bus_commands_read_and_redrive_its_private_node_without_being_told()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.RabbitMqServers();
        await servers.StartRabbitMqAsync(bounded.Token);
        await servers.PrepareRabbitMqAsync(bounded.Token);
        using var workspace = TempWorkspace.In(folder.Root, "catalog", "payments", "orders");
        RunFile.Write(folder.Workspace.RunFilePath, new RunRecord("test", ProcessIdentity.Current(), [], RunProfile.Production, [PrivateServers.RabbitMqName]));
        // The services' exchange and queues, seeded by the administrator (each service's own user may touch only its own).
        await using var seeded = await SeedAsync(servers.RabbitMqAccounts!.AdminUri, "catalog", "payments", exchange: null);

        var stats = await JsonOfAsync(workspace, "bus", "stats");
        workspace.Out.GetStringBuilder().Clear();
        var redrive = await workspace.RunAsync("bus", "dlq", "redrive", "--queue", "catalog", "-e", "test");
        var redriven = workspace.Out.ToString();
        var after = await QueuesAsync(workspace);

        Assert.Equal("rabbitmq", stats.GetProperty("transport").GetString());
        Assert.Equal($"127.0.0.1:{folder.Ports.RabbitMq}/mosaic-test", stats.GetProperty("bus").GetString());
        var before = stats.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!);
        Assert.Equal(["catalog", "payments"], before.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1, 2), (before["catalog"].GetProperty("ready").GetInt64(), before["catalog"].GetProperty("deadLettered").GetInt64()));
        Assert.Equal(ExitCodes.Success, redrive);
        Assert.Contains("2 dead letter(s) went back to 'catalog'.", redriven);
        Assert.Equal((3, 0), (after["catalog"].GetProperty("ready").GetInt64(), after["catalog"].GetProperty("deadLettered").GetInt64()));
        Assert.Equal(3, after["payments"].GetProperty("ready").GetInt64());
        Assert.DoesNotContain(servers.Credentials.RabbitMqAdmin, workspace.AllOutput + stats);
    }

    public async ValueTask DisposeAsync()
    {
        if (sharedBrokerExchange is null) return;
        await using var connection = await new ConnectionFactory { Uri = new Uri(ProductionServers.RequireRabbitMq()) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in sharedBrokerQueues)
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            await channel.QueueDeleteAsync($"{queue}.dead-letter", ifUnused: false, ifEmpty: false);
        }
        await channel.ExchangeDeleteAsync(sharedBrokerExchange, ifUnused: false);
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Split(['│', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
