using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Identity.Data;
using Mosaic.Identity.Passwords;
using Mosaic.Identity.Tests.Support;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Tests.Api;

public sealed class LoginTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private readonly HttpClient client = identity.App.CreateClient();

    [Fact]
    public async Task Login_gives_an_ES256_token_that_the_published_key_validates_with_the_users_claims()
    {
        var email = IdentityClient.NewEmail();
        var user = await client.RegisterOkAsync(email, displayName: "Ann Lee");

        var token = await client.LoginOkAsync(email.ToUpperInvariant());

        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(900, token.ExpiresIn);
        var jwks = await client.GetFromJsonAsync<JwksDocument>(AccessTokens.JwksPath, TestContext.Current.CancellationToken);
        var published = Assert.Single(jwks!.Keys);
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token.AccessToken, new TokenValidationParameters
        {
            ValidIssuer = AccessTokens.Issuer,
            ValidAudience = AccessTokens.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            IssuerSigningKey = new JsonWebKey { Kty = published.Kty, Crv = published.Crv, X = published.X, Y = published.Y, Kid = published.Kid },
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("ES256", jwt.Alg);
        Assert.Equal(published.Kid, jwt.Kid);
        Assert.Equal(user.Id.ToString(), jwt.Subject);
        Assert.Equal(email.ToLowerInvariant(), jwt.GetClaim("email").Value);
        Assert.Equal("Ann Lee", jwt.GetClaim("name").Value);
        Assert.Equal("customer", jwt.GetClaim(AccessTokens.RoleClaim).Value);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal(jwt.IssuedAt, jwt.ValidFrom);
    }

    [Fact]
    public async Task Every_login_gets_its_own_token_id()
    {
        var email = IdentityClient.NewEmail();
        await client.RegisterOkAsync(email);
        var first = new JsonWebToken((await client.LoginOkAsync(email)).AccessToken);
        var second = new JsonWebToken((await client.LoginOkAsync(email)).AccessToken);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_the_same_401()
    {
        var email = IdentityClient.NewEmail();
        await client.RegisterOkAsync(email);

        using var wrongPassword = await client.LoginAsync(email, "Wrong-password-1");
        using var unknownEmail = await client.LoginAsync(IdentityClient.NewEmail("nobody"), "Wrong-password-1");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", unknownEmail.Content.Headers.ContentType?.MediaType);
        var first = await WithoutRequestIdentifiersAsync(wrongPassword);
        var second = await WithoutRequestIdentifiersAsync(unknownEmail);
        Assert.Equal(first, second);
        Assert.Contains("email or password is not correct", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_without_a_password_is_400_naming_password()
    {
        using var response = await client.PostAsJsonAsync("/login", new { email = "a@example.com" }, TestContext.Current.CancellationToken);
        Assert.Equal(["password"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_password_stored_with_an_older_weaker_hash_still_logs_in_and_is_rehashed()
    {
        var email = IdentityClient.NewEmail();
        var user = await client.RegisterOkAsync(email);
        await UpdateUserAsync(user.Id, u => u.ReplacePasswordHash(PasswordHasher.HashWith(IdentityClient.GoodPassword, 1_000)));

        await client.LoginOkAsync(email);

        var stored = await ReadHashAsync(user.Id);
        Assert.StartsWith($"pbkdf2-sha512${PasswordHasher.Iterations}$", stored, StringComparison.Ordinal);
        await client.LoginOkAsync(email);
    }

    private static async Task<string> WithoutRequestIdentifiersAsync(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        problem.Remove("traceId");
        problem.Remove("instance");
        return problem.ToJsonString();
    }

    private async Task UpdateUserAsync(Guid id, Action<Mosaic.Identity.Domain.User> change)
    {
        await using var scope = identity.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        change(await db.Users.SingleAsync(u => u.Id == id, TestContext.Current.CancellationToken));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task<string> ReadHashAsync(Guid id)
    {
        await using var scope = identity.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return (await db.Users.SingleAsync(u => u.Id == id, TestContext.Current.CancellationToken)).PasswordHash;
    }
}
