using System.Net;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Api;

public sealed class MeTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private readonly HttpClient client = identity.App.CreateClient();

    [Fact]
    public async Task Without_a_token_me_is_401_problem()
    {
        using var response = await client.MeAsync(accessToken: null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task With_a_token_me_shows_the_account_it_belongs_to()
    {
        var email = IdentityClient.NewEmail();
        var registered = await client.RegisterOkAsync(email, displayName: "Me Myself");
        var token = await client.LoginOkAsync(email);

        using var response = await client.MeAsync(token.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.ReadJsonAsync();
        Assert.Equal(registered.Id.ToString(), me.GetProperty("id").GetString());
        Assert.Equal(email.ToLowerInvariant(), me.GetProperty("email").GetString());
        Assert.Equal("Me Myself", me.GetProperty("displayName").GetString());
        Assert.Equal("customer", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Me_shows_the_creation_time_registering_answered_with()
    {
        var email = IdentityClient.NewEmail();
        var registered = await client.RegisterOkAsync(email);
        var token = await client.LoginOkAsync(email);

        using var response = await client.MeAsync(token.AccessToken);

        Assert.Equal(registered.CreatedAt, (await response.ReadJsonAsync()).GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_tampered_token_is_401()
    {
        var email = IdentityClient.NewEmail();
        await client.RegisterOkAsync(email);
        var token = (await client.LoginOkAsync(email)).AccessToken;
        var parts = token.Split('.');
        // Claim to be an admin without a signature that says so.
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"customer\"", "\"admin\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        using var response = await client.MeAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_another_environments_key_is_401()
    {
        using var otherState = new IdentityState();
        using var other = new IdentityApp(otherState);
        var otherClient = other.CreateClient();
        var email = IdentityClient.NewEmail();
        await otherClient.RegisterOkAsync(email);
        await client.RegisterOkAsync(email);
        var foreignToken = (await otherClient.LoginOkAsync(email)).AccessToken;

        using var response = await client.MeAsync(foreignToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
