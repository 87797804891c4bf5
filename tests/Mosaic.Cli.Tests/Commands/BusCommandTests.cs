using System.Net;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Tests.Commands;

public class BusCommandTests
{
    private const string OrderPlaced = "orders.order-placed.v1";
    private const string PaymentRequested = "orders.payment-requested.v1";
    private const string HandlerError = "InvalidOperationException: product 42 has no price\n   at Catalog.Reserve()\n   at Catalog.Handle()";

    /// <summary>
    /// catalog's queue: two order-placed messages dead-lettered by its handler, then one more waiting;
    /// payments' queue: three payment requests nobody has taken yet.
    /// </summary>
    private static async Task<SeededBus> BusWithDeadLettersAsync(TempWorkspace workspace)
    {
        var bus = TestBus.For(workspace);
        await bus.DeclareAsync("catalog", OrderPlaced);
        await bus.DeclareAsync("payments", PaymentRequested);
        await bus.PublishAsync(OrderPlaced, new { orderId = Guid.NewGuid(), lines = new[] { new { productId = 42, quantity = 1 } } });
        await bus.PublishAsync(OrderPlaced, new { orderId = Guid.NewGuid(), lines = new[] { new { productId = 42, quantity = 2 } } });
        var dead = await bus.ConsumeAsync("catalog", 2, DeliveryOutcome.DeadLetter(HandlerError));
        var waiting = await bus.PublishAsync(OrderPlaced, new { orderId = Guid.NewGuid() });
        for (var i = 0; i < 3; i++) await bus.PublishAsync(PaymentRequested, new { orderId = Guid.NewGuid(), amountCents = 1000 + i });
        return new SeededBus(bus, dead, waiting);
    }

    private sealed record SeededBus(TestBus Bus, IReadOnlyList<Guid> Dead, Guid Waiting) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Bus.DisposeAsync();
    }

    private static async Task<List<JsonElement>> DeadLettersAsync(TempWorkspace workspace, params string[] extra)
    {
        workspace.Out.GetStringBuilder().Clear();
        var exitCode = await workspace.RunAsync(["bus", "dlq", "list", "-e", "test", "--json", .. extra]);
        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(workspace.Out.ToString());
        return [.. json.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task Stats_as_json_has_each_queues_depths_and_each_instances_outbox()
    {
        using var workspace = TempWorkspace.WithServices("identity", "catalog:1:identity", "orders:1:catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);
        var manifest = workspace.Manifest;
        using var identity = new FakeManagementListener(manifest.GetService("identity").Instance(0).ManagementPort, HttpStatusCode.OK,
            """{"service":"identity","environment":"test"}""");
        using var orders = new FakeManagementListener(manifest.GetService("orders").Instance(0).ManagementPort, HttpStatusCode.OK,
            """
            {"service":"orders","environment":"test","messaging":{"transport":"embedded","queue":"orders",
             "publishes":["orders.order-placed.v1"],"consumes":["catalog.stock-reserved.v1"],
             "outbox":{"backlog":7,"oldestAgeSeconds":2.5}}}
            """);
        // catalog-0 is not running.

        var exitCode = await workspace.RunAsync("bus", "stats", "-e", "test", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(workspace.Out.ToString());
        var root = json.RootElement;
        Assert.Equal("embedded", root.GetProperty("transport").GetString());
        Assert.True(root.GetProperty("busExists").GetBoolean());

        var queues = root.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("queue").GetString()!);
        Assert.Equal(["catalog", "payments"], queues.Keys.Order());
        Assert.Equal(1, queues["catalog"].GetProperty("ready").GetInt64());
        Assert.Equal(0, queues["catalog"].GetProperty("inFlight").GetInt64());
        Assert.Equal(2, queues["catalog"].GetProperty("deadLettered").GetInt64());
        Assert.Equal(3, queues["payments"].GetProperty("ready").GetInt64());
        Assert.Equal(0, queues["payments"].GetProperty("deadLettered").GetInt64());
        Assert.Equal(JsonValueKind.Number, queues["payments"].GetProperty("oldestReadyAgeSeconds").ValueKind);

        var services = root.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal("NoMessaging", services["identity-0"].GetProperty("state").GetString());
        Assert.Equal("NotRunning", services["catalog-0"].GetProperty("state").GetString());
        var ordersRow = services["orders-0"];
        Assert.Equal("Running", ordersRow.GetProperty("state").GetString());
        Assert.Equal("embedded", ordersRow.GetProperty("transport").GetString());
        Assert.Equal(7, ordersRow.GetProperty("outboxBacklog").GetInt64());
        Assert.Equal(2.5, ordersRow.GetProperty("outboxOldestAgeSeconds").GetDouble());
    }

    [Fact]
    public async Task Stats_as_tables_say_which_instances_are_not_running_and_where_the_dead_letters_are()
    {
        using var workspace = TempWorkspace.WithServices("catalog:2");
        await using var seeded = await BusWithDeadLettersAsync(workspace);

        var exitCode = await workspace.RunAsync("bus", "stats", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        var output = workspace.Out.ToString();
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains("not running", StringComparison.Ordinal)));
        var catalogRow = output.Split('\n').Single(l => Cells(l).FirstOrDefault() == "catalog" && Cells(l).Count() == 5);
        Assert.Equal(["catalog", "1", "0", "2"], Cells(catalogRow).Take(4));
        Assert.Contains("2 dead letter(s) in 'catalog': see ./mosaic bus dlq list -e test.", output);
    }

    [Fact]
    public async Task Stats_of_an_environment_that_never_ran_says_so_and_creates_no_bus()
    {
        using var workspace = TempWorkspace.WithServices("orders");
        var busFile = Path.Combine(workspace.Workspace().StateDirectory, "bus", "bus.db");

        var exitCode = await workspace.RunAsync("bus", "stats", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        var output = workspace.Out.ToString();
        Assert.Contains("orders-0", output);
        Assert.Contains("not running", output);
        Assert.Contains("There is no bus in 'test' yet (.mosaic/test/bus/bus.db does not exist), so there are no queues to show", output);
        Assert.False(File.Exists(busFile));
        Assert.Empty(workspace.Error.ToString());
    }

    [Fact]
    public async Task A_transport_mosaic_does_not_know_is_refused_with_a_sentence_naming_the_ones_it_does()
    {
        using var workspace = TempWorkspace.WithServices("orders");
        workspace.Variables["Mosaic__Messaging__Transport"] = "kafka";

        var stats = await workspace.RunAsync("bus", "stats", "-e", "test");
        var list = await workspace.RunAsync("bus", "dlq", "list", "-e", "test");

        Assert.Equal(ExitCodes.Failure, stats);
        Assert.Equal(ExitCodes.Failure, list);
        var errors = workspace.Error.ToString().Trim().Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Contains("is 'kafka' (from Mosaic__Messaging__Transport), which mosaic bus does not know: the transports are embedded and rabbitmq.", e));
    }

    [Fact]
    public async Task RabbitMQ_named_by_the_services_variables_without_a_broker_uri_asks_for_it_without_a_stack_trace()
    {
        using var workspace = TempWorkspace.WithServices("orders");
        workspace.Variables["Mosaic__Messaging__Transport"] = "rabbitmq";

        var exitCode = await workspace.RunAsync("bus", "stats", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        var error = workspace.Error.ToString().Trim();
        Assert.Contains("Mosaic:Messaging:RabbitMq:Uri is required", error);
        Assert.Contains("(set Mosaic__Messaging__RabbitMq__Uri)", error);
        Assert.DoesNotContain("\n", error);
    }

    [Fact]
    public async Task Dlq_list_shows_each_dead_letter_with_its_queue_type_attempts_and_error()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);

        var letters = await DeadLettersAsync(workspace);

        Assert.Equal(seeded.Dead.Order(), letters.Select(l => l.GetProperty("messageId").GetGuid()).Order());
        Assert.All(letters, l =>
        {
            Assert.Equal("catalog", l.GetProperty("queue").GetString());
            Assert.Equal(OrderPlaced, l.GetProperty("eventType").GetString());
            Assert.Equal(1, l.GetProperty("attempts").GetInt32());
            Assert.Equal(HandlerError, l.GetProperty("error").GetString());
        });
        Assert.Single(await DeadLettersAsync(workspace, "--limit", "1"));
        Assert.Empty(await DeadLettersAsync(workspace, "--queue", "payments"));

        workspace.Out.GetStringBuilder().Clear();
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("bus", "dlq", "list", "-e", "test"));
        var table = workspace.Out.ToString();
        var ids = table.Split('\n').Select(l => Cells(l).FirstOrDefault()).ToList();
        foreach (var letter in letters) Assert.Contains(letter.GetProperty("id").GetString(), ids);
        Assert.Contains("InvalidOperationException: product 42 has no price …", table);
        Assert.DoesNotContain("Catalog.Reserve", table); // the first line only
    }

    [Fact]
    public async Task Dlq_show_prints_the_whole_error_and_the_envelope_pretty_printed()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);
        var letter = (await DeadLettersAsync(workspace)).First(l => l.GetProperty("messageId").GetGuid() == seeded.Dead[0]);
        var id = letter.GetProperty("id").GetString()!;
        workspace.Out.GetStringBuilder().Clear();

        var exitCode = await workspace.RunAsync("bus", "dlq", "show", id, "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        var output = workspace.Out.ToString();
        Assert.Contains($"Dead letter {id}", output);
        Assert.Contains($"message id:     {seeded.Dead[0]}", output);
        Assert.Contains("  InvalidOperationException: product 42 has no price", output);
        Assert.Contains("     at Catalog.Reserve()", output);
        Assert.Contains("     at Catalog.Handle()", output);
        Assert.Contains($"    \"id\": \"{seeded.Dead[0]}\",", output); // indented, one field a line
        Assert.Contains("    \"type\": \"orders.order-placed\",", output);
        Assert.Contains("\"productId\": 42,", output);
        Assert.Contains($"Put it back on 'catalog' with ./mosaic bus dlq redrive {id} -e test.", output);
    }

    [Fact]
    public async Task Dlq_show_of_an_unknown_id_says_where_to_find_the_ids()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);

        var exitCode = await workspace.RunAsync("bus", "dlq", "show", "999999", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        var error = workspace.Error.ToString().Trim();
        Assert.StartsWith("There is no dead letter with id '999999' in 'test': run ./mosaic bus dlq list -e test to see the ids", error);
        Assert.DoesNotContain("\n", error);
    }

    [Fact]
    public async Task Redriving_one_id_puts_that_message_back_where_its_consumer_takes_it_again()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);
        var letter = (await DeadLettersAsync(workspace)).First(l => l.GetProperty("messageId").GetGuid() == seeded.Dead[1]);
        workspace.Out.GetStringBuilder().Clear();

        var exitCode = await workspace.RunAsync("bus", "dlq", "redrive", letter.GetProperty("id").GetString()!, "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("1 dead letter(s) went back to their queue.", workspace.Out.ToString());
        Assert.Equal([seeded.Dead[0]], (await DeadLettersAsync(workspace)).Select(l => l.GetProperty("messageId").GetGuid()));
        // The queue now holds the one that was waiting and the redriven one: a consumer gets both.
        var handled = await seeded.Bus.ConsumeAsync("catalog", 2, DeliveryOutcome.Ack());
        Assert.Equal(new[] { seeded.Waiting, seeded.Dead[1] }.Order(), handled.Order());
    }

    [Fact]
    public async Task Redriving_a_queue_puts_all_its_dead_letters_back_and_says_how_many()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);

        var exitCode = await workspace.RunAsync("bus", "dlq", "redrive", "--queue", "catalog", "-e", "test");
        var again = await workspace.RunAsync("bus", "dlq", "redrive", "--queue", "catalog", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(ExitCodes.Success, again);
        var output = workspace.Out.ToString();
        Assert.Contains("2 dead letter(s) went back to 'catalog'.", output);
        Assert.Contains("Queue 'catalog' has no dead letters: nothing went back.", output);
        Assert.Empty(await DeadLettersAsync(workspace));
        var stats = (await seeded.Bus.Administration.QueueStatsAsync(TestContext.Current.CancellationToken)).Single(q => q.Queue == "catalog");
        Assert.Equal(3, stats.Ready);
    }

    [Fact]
    public async Task Redriving_with_an_unknown_id_moves_nothing_and_names_the_id()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);
        var known = (await DeadLettersAsync(workspace))[0].GetProperty("id").GetString()!;

        var exitCode = await workspace.RunAsync("bus", "dlq", "redrive", known, "nope", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.StartsWith("No dead letter with id 'nope' in 'test', so nothing was redriven: run ./mosaic bus dlq list", workspace.Error.ToString().Trim());
        Assert.Equal(2, (await DeadLettersAsync(workspace)).Count);
    }

    [Fact]
    public async Task Redriving_an_unknown_queue_names_the_queues_there_are()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        await using var seeded = await BusWithDeadLettersAsync(workspace);

        var exitCode = await workspace.RunAsync("bus", "dlq", "redrive", "--queue", "katalog", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("There is no queue 'katalog' in 'test': the queues are catalog, payments.", workspace.Error.ToString().Trim());
    }

    [Theory]
    [InlineData("bus", "dlq", "redrive")]
    [InlineData("bus", "dlq", "redrive", "1", "--queue", "catalog")]
    public async Task Redrive_needs_either_a_queue_or_ids(params string[] args)
    {
        using var workspace = TempWorkspace.WithServices("catalog");

        var exitCode = await workspace.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("either --queue QUEUE for all of a queue's, or one or more ids", workspace.AllOutput);
    }

    [Fact]
    public async Task Dlq_list_needs_a_limit_of_at_least_one()
    {
        using var workspace = TempWorkspace.WithServices("catalog");

        var exitCode = await workspace.RunAsync("bus", "dlq", "list", "--limit", "0");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--limit needs a whole number of 1 or more.", workspace.AllOutput);
    }

    [Fact]
    public async Task Dlq_list_without_a_bus_is_a_sentence_and_show_is_a_failure()
    {
        using var workspace = TempWorkspace.WithServices("catalog");

        var list = await workspace.RunAsync("bus", "dlq", "list", "-e", "test");
        var show = await workspace.RunAsync("bus", "dlq", "show", "3", "-e", "test");

        Assert.Equal(ExitCodes.Success, list);
        Assert.Contains("There is no bus in 'test' yet", workspace.Out.ToString());
        Assert.Contains("so there are no dead letters", workspace.Out.ToString());
        Assert.Equal(ExitCodes.Failure, show);
        Assert.Contains("so there is no dead letter '3'", workspace.Error.ToString());
        Assert.False(Directory.Exists(Path.Combine(workspace.Workspace().StateDirectory, "bus")));
    }

    private static IEnumerable<string> Cells(string row) =>
        row.Split(['│', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
