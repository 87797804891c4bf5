using System.Net;
using System.Net.Http.Headers;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public class RateLimitTests
{
    private static readonly Dictionary<string, string?> TightLimit = new()
    {
        ["Gateway:RateLimit:Enabled"] = "true",
        ["Gateway:RateLimit:PermitsPerSecond"] = "1",
        ["Gateway:RateLimit:Burst"] = "3",
    };

    [Fact]
    public async Task A_user_over_the_limit_gets_a_429_problem_with_Retry_After_and_other_users_are_unaffected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var catalog = await FakeUpstream.StartAsync("catalog-0");
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [catalog.Address], TightLimit);
        var greedy = TestTokens.For("greedy-user");
        var marker = Guid.NewGuid().ToString("N");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        // The bucket holds 3 and refills 1 a second: 20 quick requests must run dry whatever the machine's pace.
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await SendAs(gateway, greedy, $"/api/identity/me?probe={marker}&n={i}", ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }

        Assert.NotNull(limited);
        Assert.True(statuses.Take(3).All(s => s == HttpStatusCode.OK), string.Join(", ", statuses));
        await Answers.AssertProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), identity.Seen.Count(s => s.Contains(marker, StringComparison.Ordinal)));

        var other = await SendAs(gateway, TestTokens.For("patient-user"), "/api/identity/me", ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_their_address()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var catalog = await FakeUpstream.StartAsync("catalog-0");
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [catalog.Address], TightLimit);

        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await gateway.Api.GetAsync("/api/catalog/products", ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }

        Assert.NotNull(limited);
        await Answers.AssertProblem(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        // A signed-in user spends their own budget, not the address's.
        Assert.Equal(HttpStatusCode.OK, (await SendAs(gateway, TestTokens.For("someone"), "/api/catalog/products", ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAs(GatewayHost gateway, string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Api.SendAsync(request, ct);
    }
}
