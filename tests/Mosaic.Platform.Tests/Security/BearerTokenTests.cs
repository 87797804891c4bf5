using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    private static Task<TestService> StartAsync(int identityPort) =>
        TestService.StartAsync("probe",
            app => app.MapGet("/private", () => Results.Ok("secret")).RequireAuthorization(),
            new Dictionary<string, string?> { ["Mosaic:Endpoints:identity"] = $"http://127.0.0.1:{identityPort}" },
            configure: builder => builder.AddMosaicAuthentication());
}
