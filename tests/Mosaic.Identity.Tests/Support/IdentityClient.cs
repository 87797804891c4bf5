using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Identity.Contracts;

namespace Mosaic.Identity.Tests.Support;

/// <summary>The calls a client of identity makes, over an HttpClient of the in-process service.</summary>
public static class IdentityClient
{
    public const string GoodPassword = "Tr1cky-enough-pass";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = GoodPassword, string displayName = "Test User") =>
        client.PostAsJsonAsync("/register", new RegisterRequest { Email = email, Password = password, DisplayName = displayName }, TestContext.Current.CancellationToken);

    public static async Task<UserResponse> RegisterOkAsync(this HttpClient client, string email, string password = GoodPassword, string displayName = "Test User")
    {
        using var response = await client.RegisterAsync(email, password, displayName);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UserResponse>(TestContext.Current.CancellationToken))!;
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/login", new LoginRequest { Email = email, Password = password }, TestContext.Current.CancellationToken);

    public static async Task<AccessTokenResponse> LoginOkAsync(this HttpClient client, string email, string password = GoodPassword)
    {
        using var response = await client.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AccessTokenResponse>(TestContext.Current.CancellationToken))!;
    }

    public static async Task<HttpResponseMessage> MeAsync(this HttpClient client, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    /// <summary>The field names a validation problem names.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }
}
