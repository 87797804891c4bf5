using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public class ForwardingTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Gateway => fixture.Gateway.Api;

    [Fact]
    public async Task The_service_sees_the_callers_trace_with_the_gateway_as_parent_and_the_response_names_the_trace()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string callerSpan = "00f067aa0ba902b7";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products/1");
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");
        request.Headers.Add("tracestate", "vendor=caller");

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        var echo = await Answers.EchoOf(response);
        var traceparent = echo.Header("traceparent")!.Split('-');
        Assert.Equal(traceId, traceparent[1]);
        Assert.Matches("^[0-9a-f]{16}$", traceparent[2]);
        Assert.NotEqual(callerSpan, traceparent[2]);
        Assert.Equal(traceId, Assert.Single(response.Headers.GetValues("X-Trace-Id")));
    }

    [Fact]
    public async Task Hop_by_hop_request_headers_stay_at_the_gateway_and_end_to_end_ones_travel_on()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.TryAddWithoutValidation("Connection", "X-Hop");
        request.Headers.TryAddWithoutValidation("X-Hop", "only-for-the-gateway");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic c2VjcmV0");
        request.Headers.TryAddWithoutValidation("Proxy-Connection", "keep-alive");
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        request.Headers.TryAddWithoutValidation("X-End-To-End", "kept");
        request.Headers.TryAddWithoutValidation("Accept", "application/json");

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        foreach (var hop in new[] { "X-Hop", "Keep-Alive", "Proxy-Authorization", "Proxy-Connection", "TE", "Upgrade", "Trailer" })
            Assert.Null(echo.Header(hop));
        Assert.DoesNotContain("X-Hop", echo.Header("Connection") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("kept", echo.Header("X-End-To-End"));
        Assert.Equal("application/json", echo.Header("Accept"));
    }

    [Fact]
    public async Task The_service_learns_who_asked_through_X_Forwarded_headers_and_sees_its_own_host()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "spoofed.example");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/spoofed");

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal("203.0.113.7, 127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal($"127.0.0.1:{fixture.Gateway.Port}", echo.Header("X-Forwarded-Host"));
        Assert.Equal("/api/catalog", echo.Header("X-Forwarded-Prefix"));
        Assert.Equal(fixture.Catalog.Address.Authority, echo.Header("Host"));
    }

    [Fact]
    public async Task A_location_in_the_services_terms_is_given_back_in_public_terms()
    {
        using var created = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/created");
        created.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1"));
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/elsewhere");
        elsewhere.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1"));
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Gateway.BaseAddress };

        var createdResponse = await noRedirects.SendAsync(created, TestContext.Current.CancellationToken);
        var elsewhereResponse = await noRedirects.SendAsync(elsewhere, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        Assert.Equal("/api/catalog/things/42", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal("http://example.test/away", elsewhereResponse.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Hop_by_hop_response_headers_stay_at_the_gateway()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/hop-response");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1"));

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("kept", Assert.Single(response.Headers.GetValues("X-Resp-Kept")));
        Assert.False(response.Headers.Contains("X-Resp-Hop"));
        Assert.False(response.Headers.Contains("Keep-Alive"));
        Assert.False(response.Headers.Contains("Proxy-Authenticate"));
        Assert.False(response.Headers.Contains("Upgrade"));
        Assert.DoesNotContain(response.Headers.Connection, token => token.Equals("X-Resp-Hop", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("ok", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_large_streamed_response_arrives_intact()
    {
        const int kib = 8 * 1024;
        var expected = new byte[kib * 1024];
        for (var i = 0; i < expected.Length; i++) expected[i] = FakeUpstream.PatternByte(i);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/catalog/large?kib={kib}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1"));

        using var response = await Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.Length, body.Length);
        Assert.Equal(SHA256.HashData(expected), SHA256.HashData(body));
    }

    [Fact]
    public async Task The_response_body_is_passed_on_as_it_comes_not_after_the_service_finished()
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/gated");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-1"));

        using var response = await Gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        var body = await response.Content.ReadAsStreamAsync(ct);
        // The service holds back its second half until the first half has reached us: a buffering gateway would never deliver it.
        var first = new byte[FakeUpstream.ChunkBytes];
        await body.ReadExactlyAsync(first, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct);
        fixture.Catalog.Gate.TrySetResult();
        var rest = new MemoryStream();
        await body.CopyToAsync(rest, ct);

        Assert.Equal(FakeUpstream.PatternByte(FakeUpstream.ChunkBytes - 1), first[^1]);
        Assert.Equal(FakeUpstream.ChunkBytes, rest.Length);
    }

    [Fact]
    public async Task Forwarded_requests_are_counted_per_route_service_and_status_on_the_metrics_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await Gateway.GetAsync("/api/catalog/products", ct);
        await Gateway.GetAsync("/api/identity/me", ct);

        var metrics = (await fixture.Gateway.Management.GetStringAsync("/metrics", ct)).Split('\n');

        Assert.Contains(metrics, line => line.StartsWith("mosaic_gateway_requests_total{", StringComparison.Ordinal)
            && line.Contains("route=\"/api/catalog\"", StringComparison.Ordinal)
            && line.Contains("target_service=\"catalog\"", StringComparison.Ordinal)
            && line.Contains("status=\"200\"", StringComparison.Ordinal));
        Assert.Contains(metrics, line => line.StartsWith("mosaic_gateway_requests_total{", StringComparison.Ordinal)
            && line.Contains("route=\"/api/identity\"", StringComparison.Ordinal)
            && line.Contains("status=\"401\"", StringComparison.Ordinal));
        Assert.Contains(metrics, line => line.StartsWith("mosaic_gateway_upstream_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("target_service=\"catalog\"", StringComparison.Ordinal));
        Assert.Contains(metrics, line => line.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && line.Contains("http_route=\"/api/catalog/**\"", StringComparison.Ordinal)
            && line.Contains("http_request_method=\"GET\"", StringComparison.Ordinal)
            && line.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal));
    }
}
