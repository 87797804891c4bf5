using Mosaic.Platform.Policy;

namespace Mosaic.Platform.Tests.Policy;

public class SegmentationPolicyTests
{
    private const string Yaml = """
        mode: enforce
        modes:
          catalog: audit
        calls:
          - from: gateway
            to: catalog
            allow:
              - GET /products
              - GET /products/*
              - "* /admin/**"
          - from: gateway
            to: catalog
            allow:
              - POST /products
        events:
          orders.order-placed:
            publishers: [orders]
            consumers: [catalog, payments]
        """;

    private static readonly SegmentationPolicy Policy = new(PolicyParser.Parse(Yaml, "policy.yaml"));

    [Fact]
    public void The_first_matching_operation_allows_and_names_the_rule()
    {
        Assert.Equal(new PolicyDecision(true, "gateway->catalog GET /products/*"), Policy.DecideCall("gateway", "catalog", "GET", "/products/42"));
        Assert.Equal(new PolicyDecision(true, "gateway->catalog * /admin/**"), Policy.DecideCall("gateway", "catalog", "DELETE", "/admin/x/y"));
        Assert.Equal(new PolicyDecision(true, "gateway->catalog POST /products"), Policy.DecideCall("gateway", "catalog", "POST", "/products"));
        Assert.True(Policy.DecideCall("gateway", "catalog", "get", "/PRODUCTS").Allowed);
    }

    [Theory]
    [InlineData("gateway", "catalog", "DELETE", "/products/42")]
    [InlineData("gateway", "catalog", "GET", "/products/42/stock")]
    [InlineData("gateway", "orders", "GET", "/products")]
    [InlineData("orders", "catalog", "GET", "/products")]
    [InlineData("catalog", "gateway", "GET", "/products")]
    public void Everything_no_rule_allows_is_denied_by_default(string from, string to, string method, string path) =>
        Assert.Equal(new PolicyDecision(false, SegmentationPolicy.DefaultDeny), Policy.DecideCall(from, to, method, path));

    [Fact]
    public void Only_the_listed_services_may_publish_and_consume_an_event_type()
    {
        Assert.Equal(new PolicyDecision(true, "publish orders.order-placed"), Policy.DecidePublish("orders", "orders.order-placed"));
        Assert.Equal(new PolicyDecision(false, SegmentationPolicy.DefaultDeny), Policy.DecidePublish("catalog", "orders.order-placed"));
        Assert.Equal(new PolicyDecision(true, "consume orders.order-placed"), Policy.DecideConsume("payments", "orders.order-placed"));
        Assert.False(Policy.DecideConsume("orders", "orders.order-placed").Allowed);
        Assert.False(Policy.DecideConsume("identity", "orders.order-placed").Allowed);
        Assert.False(Policy.DecidePublish("orders", "orders.order-shipped").Allowed);
        Assert.Equal(["orders.order-placed"], Policy.PublishableBy("orders"));
        Assert.Equal(["orders.order-placed"], Policy.ConsumableBy("catalog"));
        Assert.Empty(Policy.ConsumableBy("orders"));
    }

    [Fact]
    public void A_service_has_its_own_mode_or_the_default_one()
    {
        Assert.Equal(EnforcementMode.Audit, Policy.ModeOf("catalog"));
        Assert.Equal(EnforcementMode.Enforce, Policy.ModeOf("orders"));
        Assert.Equal(EnforcementMode.Audit, new SegmentationPolicy(PolicyParser.Parse("mode: audit\n", "p.yaml")).ModeOf("orders"));
        Assert.Equal("would-deny", Policy.DecideCall("x", "catalog", "GET", "/").Outcome(EnforcementMode.Audit));
        Assert.Equal("deny", Policy.DecideCall("x", "catalog", "GET", "/").Outcome(EnforcementMode.Enforce));
        Assert.Equal("allow", Policy.DecideCall("gateway", "catalog", "GET", "/products").Outcome(EnforcementMode.Audit));
    }

    [Fact]
    public void An_empty_policy_denies_everything()
    {
        var empty = new SegmentationPolicy(PolicyParser.Parse("", "p.yaml"));
        Assert.False(empty.DecideCall("gateway", "catalog", "GET", "/products").Allowed);
        Assert.False(empty.DecidePublish("orders", "orders.order-placed").Allowed);
        Assert.Equal(EnforcementMode.Enforce, empty.ModeOf("catalog"));
    }

    [Fact]
    public void The_committed_policy_parses()
    {
        var policy = SegmentationPolicy.Load(Path.Combine(CheckoutRoot.Path, PolicyParser.FolderName, PolicyParser.FileName));
        Assert.NotEmpty(policy.Document.Calls);
        Assert.True(policy.DecideCall("gateway", "catalog", "GET", "/products").Allowed);
    }
}
