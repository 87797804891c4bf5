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

    [Fact]
    public async Task A_changed_limit_in_the_gateways_slice_applies_without_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("mosaic-gateway-slice-").FullName;
        try
        {
            await ChangeTheLimitAsync(Path.Combine(folder, "gateway.json"), ct);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ChangeTheLimitAsync(string slice, CancellationToken ct)
    {
        WriteSlice(slice, "tight", permitsPerSecond: 1, burst: 2);
        await using var identity = await FakeUpstream.StartAsync("identity-0");
        await using var catalog = await FakeUpstream.StartAsync("catalog-0");
        // GatewayHost switches the limit off; null lets the slice's (and the default's) Enabled = true through.
        await using var gateway = await GatewayHost.StartAsync([identity.Address], [catalog.Address],
            new Dictionary<string, string?> { ["Gateway:RateLimit:Enabled"] = null, ["Mosaic:ConfigSlice"] = slice });
        var user = TestTokens.For("reloading-user");

        Assert.Contains(HttpStatusCode.TooManyRequests, await BurstAsync(gateway, user, ct));

        WriteSlice(slice, "roomy", permitsPerSecond: 10_000, burst: 10_000);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await BurstAsync(gateway, user, ct)).Contains(HttpStatusCode.TooManyRequests))
        {
            Assert.True(DateTime.UtcNow < deadline, "The roomier limit did not apply within 15 s.");
            await Task.Delay(200, ct);
        }
    }

    private static async Task<List<HttpStatusCode>> BurstAsync(GatewayHost gateway, string token, CancellationToken ct)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++) statuses.Add((await SendAs(gateway, token, "/api/identity/me", ct)).StatusCode);
        return statuses;
    }

    private static void WriteSlice(string path, string version, int permitsPerSecond, int burst)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            environment = "test",
            service = "gateway",
            version,
            values = new Dictionary<string, string>
            {
                ["Gateway:RateLimit:PermitsPerSecond"] = permitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Gateway:RateLimit:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            secrets = Array.Empty<string>(),
        });
        File.WriteAllText(path + ".tmp", json);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static async Task<HttpResponseMessage> SendAs(GatewayHost gateway, string token, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await gateway.Api.SendAsync(request, ct);
    }
}
