using System.Net;
using System.Net.Http.Headers;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public class AuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Gateway => fixture.Gateway.Api;

    [Theory]
    [InlineData("POST", "/api/identity/register", "identity-0")]
    [InlineData("POST", "/api/identity/login", "identity-0")]
    [InlineData("GET", "/api/catalog/products", "catalog-0")]
    [InlineData("GET", "/api/catalog/products/42", "catalog-0")]
    [InlineData("GET", "/api/catalog/products/42/", "catalog-0")]
    public async Task Operations_the_manifest_opens_need_no_token(string method, string path, string upstream)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(upstream, echo.Upstream);
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task The_published_keys_need_no_token()
    {
        var response = await Gateway.GetAsync("/api/identity/.well-known/jwks.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"kid\":\"test-key\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/catalog/products")]
    [InlineData("PUT", "/api/catalog/products/42")]
    [InlineData("DELETE", "/api/catalog/products/42")]
    [InlineData("GET", "/api/catalog/products/42/reservations")]
    [InlineData("GET", "/api/catalog/productsandmore")]
    [InlineData("GET", "/api/identity/me")]
    [InlineData("GET", "/api/identity/register")]
    public async Task Anything_else_without_a_token_is_a_401_problem_with_a_bearer_challenge_and_never_forwarded(string method, string path)
    {
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{path}?probe={marker}");

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        await Answers.AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        AssertNotForwarded(marker);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "not-a-jwt",
        TestTokens.SignedByStranger("user-1"),
        TestTokens.For("user-1", expires: DateTime.UtcNow.AddMinutes(-10)),
        TestTokens.For("user-1")[..^4] + "AAAA",
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_on_a_protected_operation_is_a_401_problem_and_never_forwarded(string token)
    {
        var marker = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/catalog/products?probe={marker}")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await Answers.AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.DoesNotContain(token, problem.GetRawText(), StringComparison.Ordinal);
        AssertNotForwarded(marker);
    }

    [Fact]
    public async Task A_valid_token_is_forwarded_unchanged()
    {
        var token = TestTokens.For("user-7");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identity/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal("identity-0", echo.Upstream);
        Assert.Equal("/me", echo.Path);
        Assert.Equal($"Bearer {token}", echo.Header("Authorization"));
    }

    [Fact]
    public async Task A_403_from_the_service_reaches_the_caller_as_the_service_wrote_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/forbidden");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("user-7"));

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await Answers.AssertProblem(response, HttpStatusCode.Forbidden);
        Assert.Equal("Admins only.", problem.GetProperty("detail").GetString());
    }

    private void AssertNotForwarded(string marker) =>
        Assert.DoesNotContain(fixture.Catalog.Seen.Concat(fixture.Identity.Seen), seen => seen.Contains(marker, StringComparison.Ordinal));
}
