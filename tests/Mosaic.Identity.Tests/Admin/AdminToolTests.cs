using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Admin;

/// <summary>The admin tool mode as <c>mosaic admin create</c> runs it: the built executable, a state folder, env vars.</summary>
public sealed class AdminToolTests : IDisposable
{
    private readonly IdentityState state = new();

    public void Dispose() => state.Dispose();

    [Fact]
    public async Task Creates_an_admin_who_can_then_log_in_as_admin()
    {
        var email = IdentityClient.NewEmail("Admin");

        var run = await AdminToolProcess.RunAsync(state, ["admin", "create", email, "--password", IdentityClient.GoodPassword, "--display-name", "The Admin"]);

        Assert.Equal((0, $"Created admin {email.ToLowerInvariant()}.", ""), (run.ExitCode, run.Output.Trim(), run.Error));
        using var app = new IdentityApp(state);
        var client = app.CreateClient();
        var token = await client.LoginOkAsync(email, IdentityClient.GoodPassword);
        Assert.Equal("admin", new JsonWebToken(token.AccessToken).GetClaim("role").Value);
        using var me = await client.MeAsync(token.AccessToken);
        Assert.Equal("The Admin", (await me.ReadJsonAsync()).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Promotes_an_existing_customer_of_a_running_service_and_keeps_their_password()
    {
        using var app = new IdentityApp(state);
        var client = app.CreateClient();
        var email = IdentityClient.NewEmail();
        await client.RegisterOkAsync(email);

        var run = await AdminToolProcess.RunAsync(state, ["admin", "create", email, "--password", "Another-pass-123"]);

        Assert.Equal((0, $"{email.ToLowerInvariant()} is now an admin."), (run.ExitCode, run.Output.Trim()));
        var token = await client.LoginOkAsync(email, IdentityClient.GoodPassword);
        Assert.Equal("admin", new JsonWebToken(token.AccessToken).GetClaim("role").Value);
        using var refused = await client.LoginAsync(email, "Another-pass-123");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Reads_the_password_from_standard_input_when_one_is_piped_in()
    {
        var email = IdentityClient.NewEmail();

        var run = await AdminToolProcess.RunAsync(state, ["admin", "create", email], input: "Piped-in-pass-42");

        Assert.Equal((0, $"Created admin {email}."), (run.ExitCode, run.Output.Trim()));
        using var app = new IdentityApp(state);
        await app.CreateClient().LoginOkAsync(email, "Piped-in-pass-42");
    }

    [Fact]
    public async Task Without_a_password_generates_a_strong_one_and_prints_it()
    {
        var email = IdentityClient.NewEmail();

        var run = await AdminToolProcess.RunAsync(state, ["admin", "create", email], input: null);

        Assert.Equal(0, run.ExitCode);
        var prefix = $"Created admin {email} with password: ";
        Assert.StartsWith(prefix, run.Output, StringComparison.Ordinal);
        var password = run.Output.Trim()[prefix.Length..];
        Assert.True(password.Length >= 16, password);
        using var app = new IdentityApp(state);
        var token = await app.CreateClient().LoginOkAsync(email, password);
        Assert.Equal("admin", new JsonWebToken(token.AccessToken).GetClaim("role").Value);
    }

    [Theory]
    [InlineData("not-an-email", "Str0ng-enough-pass", "email address")]
    [InlineData("weak@example.com", "short1", "at least 10 characters")]
    public async Task Bad_input_is_one_sentence_on_stderr_exit_code_2_and_no_account(string email, string password, string expected)
    {
        var run = await AdminToolProcess.RunAsync(state, ["admin", "create", email, "--password", password]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var sentence = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, sentence, StringComparison.Ordinal);
        Assert.DoesNotContain(password, sentence, StringComparison.Ordinal);
        using var app = new IdentityApp(state);
        using var login = await app.CreateClient().LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task A_wrong_command_line_is_a_usage_sentence_and_exit_code_2()
    {
        var run = await AdminToolProcess.RunAsync(state, ["admin", "remove", "a@example.com"]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Usage: Mosaic.Identity admin create EMAIL", run.Error, StringComparison.Ordinal);
    }
}
