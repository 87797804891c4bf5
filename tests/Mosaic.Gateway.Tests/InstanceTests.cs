using System.Net;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

/// <summary>Load balancing over a service's instances, and what callers get when instances go away.</summary>
public class InstanceTests
{
    [Fact]
    public async Task Requests_take_turns_over_the_instances()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var first = await FakeUpstream.StartAsync("catalog-0");
        await using var second = await FakeUpstream.StartAsync("catalog-1");
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [first.Address, second.Address]);

        var served = new List<string>();
        for (var i = 0; i < 6; i++)
            served.Add((await Answers.EchoOf(await gateway.Api.GetAsync("/api/catalog/products", ct))).Upstream);

        Assert.Equal(3, served.Count(s => s == "catalog-0"));
        Assert.Equal(3, served.Count(s => s == "catalog-1"));
        for (var i = 1; i < served.Count; i++) Assert.NotEqual(served[i - 1], served[i]);
    }

    [Fact]
    public async Task When_one_instance_stops_every_request_is_still_answered_by_the_other()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var first = await FakeUpstream.StartAsync("catalog-0");
        await using var second = await FakeUpstream.StartAsync("catalog-1");
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [first.Address, second.Address]);
        // Both instances have served, so the gateway holds pooled connections to the one about to stop.
        for (var i = 0; i < 2; i++) await Answers.EchoOf(await gateway.Api.GetAsync("/api/catalog/products", ct));

        await first.StopAsync();
        var served = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var body = new StringContent("{\"name\":\"not idempotent, still safe: nothing reached the stopped instance\"}");
            using var request = new HttpRequestMessage(i % 2 == 0 ? HttpMethod.Get : HttpMethod.Post, "/api/catalog/products");
            if (request.Method == HttpMethod.Post)
            {
                request.Content = body;
                request.Headers.Authorization = new("Bearer", TestTokens.For("user-1"));
            }
            var echo = await Answers.EchoOf(await gateway.Api.SendAsync(request, ct));
            served.Add(echo.Upstream);
            if (request.Method == HttpMethod.Post) Assert.Equal(body.Headers.ContentLength, echo.BodyLength);
        }

        Assert.All(served, s => Assert.Equal("catalog-1", s));
    }

    [Fact]
    public async Task While_identity_is_unreachable_protected_routes_answer_503_and_open_ones_still_work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var catalog = await FakeUpstream.StartAsync("catalog-0");
        await using var gateway = await GatewayHost.StartAsync([new Uri($"http://127.0.0.1:{FreePort.Next()}")], [catalog.Address]);
        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/products") { Content = new StringContent("{}") };
        write.Headers.Authorization = new("Bearer", TestTokens.For("user-1"));

        var refused = await gateway.Api.SendAsync(write, ct);
        var read = await gateway.Api.GetAsync("/api/catalog/products", ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task When_every_instance_is_down_the_caller_gets_a_503_problem()
    {
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        var nobody = new[] { new Uri($"http://127.0.0.1:{FreePort.Next()}"), new Uri($"http://127.0.0.1:{FreePort.Next()}") };
        await using var gateway = await GatewayHost.StartAsync([identity.Address], nobody);

        var response = await gateway.Api.GetAsync("/api/catalog/products", TestContext.Current.CancellationToken);

        var problem = await Answers.AssertProblem(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("catalog", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task An_instance_that_does_not_answer_in_time_gives_the_caller_a_504_problem()
    {
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var catalog = await FakeUpstream.StartAsync("catalog-0");
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [catalog.Address],
            new Dictionary<string, string?> { ["Gateway:Forwarding:Timeout"] = "00:00:00.500" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/hang");
        request.Headers.Authorization = new("Bearer", TestTokens.For("user-1"));

        var response = await gateway.Api.SendAsync(request, TestContext.Current.CancellationToken);

        await Answers.AssertProblem(response, HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task An_instance_that_stops_sending_its_body_has_the_callers_connection_cut()
    {
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var catalog = await FakeUpstream.StartAsync("catalog-0");
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [catalog.Address],
            new Dictionary<string, string?> { ["Gateway:Forwarding:BodyIdleTimeout"] = "00:00:00.500" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/stall");
        request.Headers.Authorization = new("Bearer", TestTokens.For("user-1"));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(30));

        var response = await gateway.Api.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, patience.Token);
        var error = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync(patience.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(error is HttpRequestException or IOException, $"Expected the connection to be cut, got {error?.GetType().Name ?? "a complete body"}.");
    }
}
