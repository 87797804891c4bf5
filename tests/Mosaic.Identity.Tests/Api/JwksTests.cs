using System.Net;
using Mosaic.Identity.Tests.Support;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Tests.Api;

public sealed class JwksTests
{
    [Fact]
    public async Task Publishes_the_public_key_only_with_a_short_cache_lifetime()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state);
        using var response = await app.CreateClient().GetAsync(AccessTokens.JwksPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.InRange(response.Headers.CacheControl!.MaxAge!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        var key = Assert.Single((await response.ReadJsonAsync()).GetProperty("keys").EnumerateArray());
        Assert.Equal(["alg", "crv", "kid", "kty", "use", "x", "y"], key.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
    }

    [Fact]
    public async Task The_signing_key_survives_a_restart_and_earlier_tokens_stay_valid()
    {
        using var state = new IdentityState();
        var email = IdentityClient.NewEmail();
        string kid, token;
        using (var first = new IdentityApp(state))
        {
            var client = first.CreateClient();
            kid = await KeyIdAsync(client);
            await client.RegisterOkAsync(email);
            token = (await client.LoginOkAsync(email)).AccessToken;
        }

        using var second = new IdentityApp(state);
        var restarted = second.CreateClient();

        Assert.Equal(kid, await KeyIdAsync(restarted));
        using var me = await restarted.MeAsync(token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.True(File.Exists(Path.Combine(state.Path, "keys", "identity-signing.pem")));
    }

    private static async Task<string> KeyIdAsync(HttpClient client)
    {
        using var response = await client.GetAsync(AccessTokens.JwksPath, TestContext.Current.CancellationToken);
        return (await response.ReadJsonAsync()).GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }
}
