using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Api;

public sealed class TokenLifetimeTests
{
    [Fact]
    public async Task The_token_lifetime_comes_from_configuration()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state, new Dictionary<string, string> { ["Identity:AccessTokens:Lifetime"] = "00:05:00" });
        var client = app.CreateClient();
        var email = IdentityClient.NewEmail();
        await client.RegisterOkAsync(email);

        var token = await client.LoginOkAsync(email);

        Assert.Equal(300, token.ExpiresIn);
        var jwt = new JsonWebToken(token.AccessToken);
        Assert.Equal(TimeSpan.FromMinutes(5), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public void A_lifetime_out_of_bounds_stops_the_start_naming_the_setting()
    {
        using var state = new IdentityState();
        using var app = new IdentityApp(state, new Dictionary<string, string> { ["Identity:AccessTokens:Lifetime"] = "00:00:05" });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Identity:AccessTokens:Lifetime", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_process_with_an_invalid_setting_exits_with_one_line_naming_it()
    {
        using var state = new IdentityState();

        var run = await AdminToolProcess.RunAsync(state, ["--Identity:AccessTokens:Lifetime=00:00:05"]);

        Assert.Equal(78, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("identity cannot start: its configuration is invalid: Identity:AccessTokens:Lifetime", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error + run.Output, StringComparison.Ordinal);
    }
}
