using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.ServiceClients;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.Hosting;

public class TracePropagationTests
{
    [Fact]
    public async Task An_incoming_traceparent_is_continued_through_the_internal_client_and_echoed_in_the_response()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var downstream = await TestService.StartAsync("stock", app =>
            app.MapGet("/seen", (HttpRequest request) => Results.Ok(new { traceparent = request.Headers["traceparent"].ToString() })));
        await using var caller = await TestService.StartAsync("shop", app =>
            app.MapGet("/relay", async (IServiceClientFactory clients, CancellationToken token) =>
            {
                using var client = clients.CreateClient("stock");
                return Results.Ok(await client.GetFromJsonAsync<Seen>("/seen", token));
            }), new Dictionary<string, string?> { ["Mosaic:Endpoints:stock"] = $"http://127.0.0.1:{downstream.Port}" });

        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string parentSpan = "00f067aa0ba902b7";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/relay");
        request.Headers.Add("traceparent", $"00-{traceId}-{parentSpan}-01");

        var response = await caller.Api.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(traceId, response.Headers.GetValues("X-Trace-Id").Single());
        var seen = await response.Content.ReadFromJsonAsync<Seen>(ct);
        var parts = seen!.Traceparent.Split('-');
        Assert.Equal(traceId, parts[1]);
        Assert.NotEqual(parentSpan, parts[2]);
    }

    [Fact]
    public async Task A_request_without_traceparent_starts_a_new_trace()
    {
        await using var service = await TestService.StartAsync("shop", app => app.MapGet("/", () => "hi"));

        var first = await service.Api.GetAsync("/", TestContext.Current.CancellationToken);
        var second = await service.Api.GetAsync("/", TestContext.Current.CancellationToken);

        var a = first.Headers.GetValues("X-Trace-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.NotEqual(a, second.Headers.GetValues("X-Trace-Id").Single());
    }

    private sealed record Seen(string Traceparent);
}
