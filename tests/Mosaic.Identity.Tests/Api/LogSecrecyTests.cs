using System.Net;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Api;

public sealed class LogSecrecyTests
{
    [Fact]
    public async Task Passwords_and_tokens_never_reach_the_logs_even_at_trace_level()
    {
        using var state = new IdentityState();
        var logs = new LogCapture();
        using var app = new IdentityApp(state, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        }, logs);
        var client = app.CreateClient();
        const string password = "Secret-Sauce-4711";
        const string wrongPassword = "Nearly-Secret-4712";
        var email = IdentityClient.NewEmail();

        await client.RegisterOkAsync(email, password);
        var token = (await client.LoginOkAsync(email, password)).AccessToken;
        using (var refused = await client.LoginAsync(email, wrongPassword)) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var weak = await client.RegisterAsync(IdentityClient.NewEmail(), "weak-Secret")) Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        using (var me = await client.MeAsync(token)) Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        var entries = logs.Entries;
        Assert.Contains(entries, e => e.Contains("Created user", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Contains("wrong password", StringComparison.Ordinal));
        foreach (var secret in new[] { password, wrongPassword, "weak-Secret", token, token.Split('.')[2] })
            Assert.DoesNotContain(entries, e => e.Contains(secret, StringComparison.Ordinal));
    }
}
