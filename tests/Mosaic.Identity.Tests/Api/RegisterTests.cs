using System.Net;
using System.Text;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Api;

public sealed class RegisterTests(IdentityFixture identity) : IClassFixture<IdentityFixture>
{
    private readonly HttpClient client = identity.App.CreateClient();

    [Fact]
    public async Task A_new_customer_gets_201_with_the_account_and_where_to_read_it()
    {
        var email = IdentityClient.NewEmail("New");
        using var response = await client.RegisterAsync(email, displayName: "  Ann Lee ");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/me", response.Headers.Location?.OriginalString);
        var user = await response.ReadJsonAsync();
        Assert.True(Guid.TryParse(user.GetProperty("id").GetString(), out _));
        Assert.Equal(email.ToLowerInvariant(), user.GetProperty("email").GetString());
        Assert.Equal("Ann Lee", user.GetProperty("displayName").GetString());
        Assert.Equal("customer", user.GetProperty("role").GetString());
        Assert.True(user.TryGetProperty("createdAt", out _));
        Assert.False(user.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task The_same_email_again_in_any_letter_case_is_409_problem()
    {
        var email = IdentityClient.NewEmail();
        await client.RegisterOkAsync(email);

        using var response = await client.RegisterAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already exists", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_one_email_many_times_at_once_makes_one_account_and_no_server_error()
    {
        var email = IdentityClient.NewEmail("race");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.RegisterAsync(email)));

        Assert.Equal(1, attempts.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(attempts.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("no-digits-at-all")]
    [InlineData("1234567890")]
    public async Task A_weak_password_is_400_naming_password(string password)
    {
        using var response = await client.RegisterAsync(IdentityClient.NewEmail(), password);
        Assert.Equal(["password"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_password_holding_the_email_name_is_400_naming_password()
    {
        using var response = await client.RegisterAsync("margaret@example.com", "Margaret-1987");
        var problem = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("before the @", problem.GetProperty("errors").GetProperty("password")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("ann@localhost")]
    [InlineData("ann lee@example.com")]
    public async Task A_bad_email_is_400_naming_email(string email)
    {
        using var response = await client.RegisterAsync(email);
        Assert.Equal(["email"], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Missing_fields_are_each_named()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/register", content, TestContext.Current.CancellationToken);
        Assert.Equal(["displayName", "email", "password"], (await response.ProblemFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_is_400_problem()
    {
        using var content = new StringContent("{\"email\": \"a@example.com\", \"password\": ", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/register", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Malformed JSON", (await response.ReadJsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Whoever_registers_with_a_configured_admin_email_is_an_admin()
    {
        var admin = await client.RegisterOkAsync(IdentityApp.ConfiguredAdmin.ToUpperInvariant());
        Assert.Equal("admin", admin.Role);

        var token = await client.LoginOkAsync(IdentityApp.ConfiguredAdmin);
        using var me = await client.MeAsync(token.AccessToken);
        Assert.Equal("admin", (await me.ReadJsonAsync()).GetProperty("role").GetString());
    }
}
