using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Load.Scenarios;

namespace Mosaic.Cli.Tests.Load;

public class ScenarioFileTests
{
    [Fact]
    public void The_built_in_shop_mix_browses_orders_and_reads_orders()
    {
        var mix = Scenario.ShopMix;

        Assert.Equal(["browse", "product-detail", "place-order", "order-status"], mix.Requests.Select(r => r.Name));
        Assert.True(mix.Requests.Single(r => r.Name == "place-order").RemembersOrder);
        Assert.True(mix.Requests.Single(r => r.Name == "order-status").NeedsOrder);
        Assert.Equal(HttpMethod.Post, mix.Requests.Single(r => r.Name == "place-order").Method);
        Assert.Equal(20, mix.Users);
    }

    [Fact]
    public void A_file_with_phases_and_headers_is_read()
    {
        var scenario = ScenarioFile.Parse("""
            name: browse-only
            users: 5
            products: 2
            phases:
              - { rate: 50, duration: 10s }
              - { from: 50, to: 150, duration: 1m }
            requests:
              - name: list
                weight: 3
                get: /api/catalog/products?page={page}
                headers: { X-Note: "load" }
            """, "test.yaml");

        Assert.Equal("browse-only", scenario.Name);
        Assert.Equal(5, scenario.Users);
        Assert.Equal(2, scenario.Phases!.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), scenario.Phases[1].Duration);
        Assert.Equal(150, scenario.Phases[1].EndRate);
        Assert.Equal("load", scenario.Requests[0].Headers["x-note"]);
    }

    [Theory]
    [InlineData("requests: []", "has no requests")]
    [InlineData("requests:\n  - name: a\n    get: /x\n    post: /y", "not two")]
    [InlineData("requests:\n  - name: a\n    get: x", "must start with '/'")]
    [InlineData("requests:\n  - name: a\n    get: /orders/{order}", "{order}, which is not a placeholder")]
    [InlineData("requests:\n  - name: a\n    get: /orders/{orderId}", "none has 'remember: order'")]
    [InlineData("users: lots\nrequests:\n  - name: a\n    get: /x", "users is a whole number")]
    [InlineData("rate: 5\nrequests:\n  - name: a\n    get: /x", "'rate' is not a key here")]
    [InlineData("requests:\n  - name: a\n    weight: -1\n    get: /x", "weight is a number above 0")]
    [InlineData("phases:\n  - { rate: 5 }\nrequests:\n  - name: a\n    get: /x", "has no duration")]
    [InlineData("requests: [", "is not valid YAML")]
    public void A_mistake_is_one_sentence_with_the_file_and_line(string yaml, string expected)
    {
        var error = Assert.Throws<CliException>(() => ScenarioFile.Parse(yaml, "bad.yaml"));

        Assert.StartsWith("bad.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_body_is_not_mistaken_for_placeholders()
    {
        var scenario = ScenarioFile.Parse("""
            requests:
              - name: order
                post: /api/orders
                body: '{"items":[{"productId":"{productId}","quantity":1}]}'
                remember: order
            """, "ok.yaml");

        Assert.True(scenario.Requests[0].RemembersOrder);
    }
}
