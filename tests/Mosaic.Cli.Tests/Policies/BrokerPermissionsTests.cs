using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies.Rendering;
using Mosaic.Platform.Messaging.RabbitMq;

namespace Mosaic.Cli.Tests.Policies;

/// <summary>
/// The broker permissions rendered from the shop's policy: each service's user may touch exactly its own queues
/// and exchange and use exactly the routing keys the policy gives it (checked here with .NET's regular expressions,
/// which read these patterns as RabbitMQ's do), and <c>mosaic policy render rabbitmq</c> writes them as definitions.
/// </summary>
public sealed class BrokerPermissionsTests
{
    private static readonly IReadOnlyList<BrokerPermissions> Shop = BrokerPermissions.For(ShopCheckout.Policy, ShopCheckout.Manifest, "prod");

    private static BrokerPermissions Of(string service) => Shop.Single(p => p.Service == service);

    [Fact]
    public void Only_the_services_that_publish_or_consume_events_get_a_user_named_for_their_environment()
    {
        Assert.Equal(["catalog", "orders", "payments"], Shop.Select(p => p.Service));
        Assert.Equal(["mosaic-prod-catalog", "mosaic-prod-orders", "mosaic-prod-payments"], Shop.Select(p => p.User));
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("orders")]
    [InlineData("payments")]
    public void A_service_may_configure_and_bind_exactly_its_queue_its_dead_letter_and_retry_queues_and_its_settlement_exchange(string service)
    {
        var permissions = Of(service);
        string[] own = [service, BrokerTopology.DeadLetterQueue(service), BrokerTopology.SettlementExchange(service),
            .. BrokerTopology.RetryTiers.Select(tier => BrokerTopology.RetryQueue(service, tier))];
        var others = Shop.Select(p => p.Service).Where(s => s != service).ToList();
        string[] foreign = [.. others, .. others.Select(BrokerTopology.DeadLetterQueue), .. others.Select(BrokerTopology.SettlementExchange),
            "mosaic.events", "amq.default", "", $"{service}.retry.soon", $"{service}x", $"x{service}", $"{service}.dead-letter.copy"];

        Assert.All(own, name => Assert.Matches(permissions.Configure, name));
        Assert.All(foreign, name => Assert.DoesNotMatch(permissions.Configure, name));
        // Write: its own resources (to bind and to settle), and the events exchange (to publish).
        Assert.All([.. own, "mosaic.events"], name => Assert.Matches(permissions.Write, name));
        Assert.All(foreign.Where(n => n != "mosaic.events"), name => Assert.DoesNotMatch(permissions.Write, name));
        // Read: its queue (to consume), and the exchanges its queues are bound to.
        Assert.All([service, "mosaic.events", BrokerTopology.SettlementExchange(service)], name => Assert.Matches(permissions.Read, name));
        Assert.All(foreign.Where(n => n != "mosaic.events"), name => Assert.DoesNotMatch(permissions.Read, name));
    }

    [Fact]
    public void A_service_may_publish_and_bind_exactly_the_event_types_the_policy_gives_it_in_every_version()
    {
        var catalog = Of("catalog");

        Assert.Equal(@"^(catalog\.stock-reservation-failed|catalog\.stock-reserved)\.v[0-9]+$", catalog.TopicWrite);
        Assert.Matches(catalog.TopicWrite, "catalog.stock-reserved.v1");
        Assert.Matches(catalog.TopicWrite, "catalog.stock-reservation-failed.v12");
        Assert.DoesNotMatch(catalog.TopicWrite, "orders.order-placed.v1");
        Assert.DoesNotMatch(catalog.TopicWrite, "catalog.stock-reserved");
        Assert.DoesNotMatch(catalog.TopicWrite, "catalogXstock-reserved.v1");
        Assert.DoesNotMatch(catalog.TopicWrite, "catalog.stock-reserved.v1.extra");

        Assert.Equal(["orders.order-cancelled", "orders.order-confirmed", "orders.order-placed"], catalog.Consumes);
        Assert.Matches(catalog.TopicRead, "orders.order-placed.v1");
        Assert.DoesNotMatch(catalog.TopicRead, "orders.payment-requested.v1");
        Assert.Matches(Of("payments").TopicRead, "orders.payment-requested.v1");
        Assert.Matches(Of("payments").TopicRead, "orders.order-cancelled.v2");
        Assert.DoesNotMatch(Of("payments").TopicWrite, "orders.order-cancelled.v1");
        Assert.Equal(["orders.order-cancelled", "orders.order-confirmed", "orders.order-placed", "orders.payment-requested"], Of("orders").Publishes);
    }

    [Fact]
    public void A_service_that_only_publishes_may_write_to_the_events_exchange_and_nothing_else()
    {
        var policy = Mosaic.Platform.Policy.PolicyParser.Parse("events:\n  shop.thing-happened:\n    publishers: [notifier]\n    consumers: []\n", "policy.yaml");

        var notifier = BrokerPermissions.For(new Mosaic.Platform.Policy.SegmentationPolicy(policy), "dev", "notifier");

        Assert.Equal((BrokerPermissions.Nothing, @"^(mosaic\.events)$", BrokerPermissions.Nothing), (notifier.Configure, notifier.Write, notifier.Read));
        Assert.Equal((@"^(shop\.thing-happened)\.v[0-9]+$", BrokerPermissions.Nothing), (notifier.TopicWrite, notifier.TopicRead));
    }

    [Fact]
    public async Task The_definitions_hold_the_virtual_host_the_events_exchange_and_each_user_without_a_password_saying_so()
    {
        using var workspace = ShopCheckout.Workspace();

        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("policy", "render", "rabbitmq", "-e", "prod"));

        using var definitions = JsonDocument.Parse(workspace.Out.ToString());
        var root = definitions.RootElement;
        Assert.Equal("mosaic-prod", root.GetProperty("vhosts")[0].GetProperty("name").GetString());
        var exchange = root.GetProperty("exchanges")[0];
        Assert.Equal(("mosaic.events", "topic", true), (exchange.GetProperty("name").GetString(), exchange.GetProperty("type").GetString(), exchange.GetProperty("durable").GetBoolean()));
        Assert.All(root.GetProperty("users").EnumerateArray(), u => Assert.Equal("", u.GetProperty("password_hash").GetString()));
        var catalog = root.GetProperty("permissions").EnumerateArray().Single(p => p.GetProperty("user").GetString() == "mosaic-prod-catalog");
        Assert.Equal(Of("catalog").Configure, catalog.GetProperty("configure").GetString());
        var topics = root.GetProperty("topic_permissions").EnumerateArray().ToList();
        Assert.Equal(3, topics.Count);
        Assert.All(topics, t => Assert.Equal("mosaic.events", t.GetProperty("exchange").GetString()));
        Assert.Contains("No password for mosaic-prod-catalog, mosaic-prod-orders, mosaic-prod-payments", workspace.Error.ToString());
    }

    [Fact]
    public async Task Passwords_given_in_a_file_reach_the_definitions_only_as_RabbitMQ_salted_hashes_in_a_file_of_the_owner()
    {
        using var workspace = ShopCheckout.Workspace();
        var passwords = Path.Combine(workspace.Root, "passwords.json");
        File.WriteAllText(passwords, """{"orders": "orders-secret-1", "catalog": "catalog-secret-2"}""");
        var output = Path.Combine(workspace.Root, "definitions.json");

        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("policy", "render", "rabbitmq", "--passwords", passwords, "--output", output));

        var text = File.ReadAllText(output);
        Assert.DoesNotContain("secret", text + workspace.AllOutput);
        using var definitions = JsonDocument.Parse(text);
        var hashes = definitions.RootElement.GetProperty("users").EnumerateArray().ToDictionary(u => u.GetProperty("name").GetString()!, u => u.GetProperty("password_hash").GetString()!);
        Assert.True(IsRabbitMqHashOf(hashes["mosaic-dev-orders"], "orders-secret-1"));
        Assert.True(IsRabbitMqHashOf(hashes["mosaic-dev-catalog"], "catalog-secret-2"));
        Assert.Equal("", hashes["mosaic-dev-payments"]);
        Assert.Contains("No password for mosaic-dev-payments:", workspace.Error.ToString());
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
    }

    [Theory]
    [InlineData("""{"identity": "x"}""", "names 'identity', which has no broker user: the services that publish or consume events are catalog, orders, payments.")]
    [InlineData("""{"orders": ""}""", "gives 'orders' an empty password")]
    [InlineData("""{"orders": "hunter2" """, "is not a JSON object of service names and passwords")]
    [InlineData("""["hunter2"]""", "is not a JSON object of service names and passwords")]
    public async Task A_passwords_file_that_is_wrong_fails_with_a_sentence_that_shows_no_password(string contents, string sentence)
    {
        using var workspace = ShopCheckout.Workspace();
        var passwords = Path.Combine(workspace.Root, "passwords.json");
        File.WriteAllText(passwords, contents);

        Assert.Equal(ExitCodes.Failure, await workspace.RunAsync("policy", "render", "rabbitmq", "--passwords", passwords));

        Assert.Contains(sentence, workspace.Error.ToString());
        Assert.DoesNotContain("hunter2", workspace.AllOutput);
        Assert.Equal("", workspace.Out.ToString());
    }

    /// <summary>RabbitMQ's rabbit_password_hashing_sha256: base64 of a 4-byte salt followed by SHA-256(salt + password).</summary>
    private static bool IsRabbitMqHashOf(string hash, string password)
    {
        var bytes = Convert.FromBase64String(hash);
        return bytes.Length == 36 && SHA256.HashData([.. bytes.AsSpan(0, 4), .. Encoding.UTF8.GetBytes(password)]).AsSpan().SequenceEqual(bytes.AsSpan(4));
    }
}
