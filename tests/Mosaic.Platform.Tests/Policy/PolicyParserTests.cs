using Mosaic.Platform.Policy;

namespace Mosaic.Platform.Tests.Policy;

public class PolicyParserTests
{
    [Fact]
    public void Every_entry_keeps_its_line()
    {
        var policy = PolicyParser.Parse("""
            mode: audit
            modes:
              catalog: enforce
            calls:
              - from: gateway
                to: catalog
                allow:
                  - GET /products
                  - PUT /products/*
            events:
              orders.order-placed:
                publishers: [orders]
                consumers: [catalog]
            """, "policies/policy.yaml");

        Assert.Equal("policies/policy.yaml", policy.Path);
        Assert.Equal(EnforcementMode.Audit, policy.DefaultMode);
        Assert.Equal(new ServiceMode("catalog", EnforcementMode.Enforce, 3), policy.Modes.Single());
        var rule = policy.Calls.Single();
        Assert.Equal(("gateway", "catalog", 5), (rule.From, rule.To, rule.Line));
        Assert.Equal([("GET", "/products", 8), ("PUT", "/products/*", 9)], rule.Allow.Select(o => (o.Method, o.Path.Text, o.Line)));
        var orderPlaced = policy.Events.Single();
        Assert.Equal(("orders.order-placed", 11), (orderPlaced.Type, orderPlaced.Line));
        Assert.Equal(["orders"], orderPlaced.Publishers);
        Assert.Equal(["catalog"], orderPlaced.Consumers);
    }

    [Theory]
    [InlineData("calls: [", 2, "While parsing")]
    [InlineData("mode: enforce\nmode: audit\n", 2, "Duplicate key")]
    [InlineData("colour: blue\n", 1, "unknown key 'colour'")]
    [InlineData("mode: strict\n", 1, "mode 'strict' is neither 'enforce' nor 'audit'")]
    [InlineData("modes:\n  Catalog: audit\n", 2, "names are lower case letters")]
    [InlineData("calls:\n  - from: gateway\n    allow: [GET /x]\n", 2, "needs both 'from' and 'to'")]
    [InlineData("calls:\n  - from: gateway\n    to: catalog\n    allow: []\n", 2, "allows nothing")]
    [InlineData("calls:\n  - from: gateway\n    to: catalog\n    allow:\n      - FETCH /products\n", 5, "'FETCH' is not a method")]
    [InlineData("calls:\n  - from: gateway\n    to: catalog\n    allow:\n      - GET products\n", 5, "must start with '/'")]
    [InlineData("calls:\n  - from: gateway\n    to: catalog\n    allow:\n      - GET\n", 5, "is not 'METHOD /path'")]
    [InlineData("calls:\n  - from: gateway\n    to: catalog\n    via: mesh\n    allow: [GET /x]\n", 4, "unknown key 'via'")]
    [InlineData("events:\n  OrderPlaced:\n    publishers: [orders]\n", 2, "is not 'source.event-name'")]
    [InlineData("events:\n  orders.order-placed:\n    senders: [orders]\n", 3, "unknown key 'senders'")]
    [InlineData("calls: {}\n", 1, "calls must be a list")]
    public void A_malformed_policy_is_refused_with_its_file_and_line(string yaml, int line, string reason)
    {
        var error = Assert.Throws<PolicyException>(() => PolicyParser.Parse(yaml, "policies/policy.yaml"));
        Assert.StartsWith($"policies/policy.yaml:{line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal("policies/policy.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(error.Message, $"{error.File}:{error.Line}: {error.Reason}");
    }

    [Fact]
    public void A_missing_policy_says_where_it_was_looked_for()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-policy-{Guid.NewGuid():N}.yaml");
        var error = Assert.Throws<PolicyException>(() => PolicyParser.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
