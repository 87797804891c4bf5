using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.Security;

public class BearerTokenTests
{
    [Fact]
    public async Task Without_a_token_a_protected_endpoint_answers_401_problem()
    {
        await using var service = await StartAsync(identityPort: FreePort.Next());

        var response = await service.Api.GetAsync("/private", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task When_identity_cannot_be_reached_a_token_gets_503_with_retry_after_not_401()
    {
        await using var service = await StartAsync(identityPort: FreePort.Next());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/private");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln");

        var response = await service.Api.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(SigningKeysUnavailableException.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_token_accepted_before_identity_changed_its_keys_is_checked_again_and_refused_after()
    {
        using var issuer = new TokenIssuer();
        using var replacement = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keys = new ReplaceableKeys(issuer.Key);
        await using var service = await TestService.StartAsync("probe",
            app => app.MapGet("/private", () => Results.Ok("secret")).RequireAuthorization(),
            configure: builder =>
            {
                builder.Services.AddSingleton<ISigningKeySource>(keys);
                builder.AddMosaicAuthentication();
            });
        var token = issuer.Customer();

        var before = await GetPrivateAsync(service, token);
        var again = await GetPrivateAsync(service, token);
        keys.TrustOnly(replacement);
        var after = await GetPrivateAsync(service, token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (before, again));
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    private static async Task<HttpStatusCode> GetPrivateAsync(TestService service, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/private");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.Api.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>identity's key set, which the test replaces as a key rotation would (same key id, another key).</summary>
    private sealed class ReplaceableKeys(ECDsa trusted) : ISigningKeySource
    {
        private volatile IReadOnlyCollection<SecurityKey> keys = Of(trusted);

        public void TrustOnly(ECDsa key) => keys = Of(key);

        public ValueTask<IReadOnlyCollection<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken) => ValueTask.FromResult(keys);

        public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);

        private static IReadOnlyCollection<SecurityKey> Of(ECDsa key) =>
            [new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(includePrivateParameters: false))) { KeyId = TokenIssuer.TrustedKeyId }];
    }

    private static Task<TestService> StartAsync(int identityPort) =>
        TestService.StartAsync("probe",
            app => app.MapGet("/private", () => Results.Ok("secret")).RequireAuthorization(),
            new Dictionary<string, string?> { ["Mosaic:Endpoints:identity"] = $"http://127.0.0.1:{identityPort}" },
            configure: builder => builder.AddMosaicAuthentication());
}
