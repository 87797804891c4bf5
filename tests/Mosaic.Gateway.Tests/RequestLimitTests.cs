using System.Net;
using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public class RequestLimitTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Gateway => fixture.Gateway.Api;

    [Fact]
    public async Task A_declared_body_over_the_limit_is_a_413_problem_and_never_forwarded()
    {
        var marker = Guid.NewGuid().ToString("N");
        using var body = new ByteArrayContent(new byte[GatewayHost.MaxBodyBytes + 1]);

        var response = await Gateway.PostAsync($"/api/identity/register?probe={marker}", body, TestContext.Current.CancellationToken);

        await Answers.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
        // The unread body makes the connection useless: the client is told not to send another request on it.
        Assert.True(response.Headers.ConnectionClose);
        Assert.DoesNotContain(fixture.Identity.Seen, seen => seen.Contains(marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_a_413_problem()
    {
        using var body = new StreamContent(new MemoryStream(new byte[GatewayHost.MaxBodyBytes + 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/register") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        var response = await Gateway.SendAsync(request, TestContext.Current.CancellationToken);

        await Answers.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_within_the_limit_is_streamed_through_whole(bool chunked)
    {
        using var body = new StreamContent(new MemoryStream(new byte[GatewayHost.MaxBodyBytes / 2]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/register") { Content = body };
        request.Headers.TransferEncodingChunked = chunked;

        var echo = await Answers.EchoOf(await Gateway.SendAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(GatewayHost.MaxBodyBytes / 2, echo.BodyLength);
        Assert.Equal(chunked ? null : (GatewayHost.MaxBodyBytes / 2).ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Header("Content-Length"));
    }
}
