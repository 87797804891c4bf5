using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.Hosting;

public class ManagementListenerTests : IAsyncLifetime
{
    private readonly TaskCompletionSource slowRequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TestService service = null!;

    public async ValueTask InitializeAsync() =>
        service = await TestService.StartAsync("probe", app =>
        {
            app.MapGet("/items/{id}", (int id) => Results.Ok(new { id }));
            app.MapGet("/slow", async (CancellationToken ct) =>
            {
                slowRequestArrived.TrySetResult();
                await Task.Delay(TimeSpan.FromMilliseconds(1500), ct);
                return Results.Ok("done");
            });
        });

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_on_the_management_port(string path)
    {
        var response = await service.Management.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/info")]
    public async Task Management_paths_are_not_served_on_the_api_port_whatever_the_host_header(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"127.0.0.1:{service.ManagementPort}";

        var response = await service.Api.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Api_routes_are_not_served_on_the_management_port()
    {
        var response = await service.Management.GetAsync("/items/1", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Info_names_the_service_instance_environment_and_version()
    {
        var info = await service.Management.GetFromJsonAsync<JsonElement>("/info", TestContext.Current.CancellationToken);

        Assert.Equal("probe", info.GetProperty("service").GetString());
        Assert.Equal("probe-0", info.GetProperty("instance").GetString());
        Assert.Equal("dev", info.GetProperty("environment").GetString());
        Assert.False(string.IsNullOrEmpty(info.GetProperty("version").GetString()));
        Assert.True(info.GetProperty("startedAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Metrics_count_requests_per_route_method_and_status_with_a_duration_histogram()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++) await service.Api.GetAsync($"/items/{i}", ct);
        await service.Api.GetAsync("/items/not-a-number", ct);

        var metrics = await service.Management.GetStringAsync("/metrics", ct);

        var lines = metrics.Split('\n');
        Assert.Contains(lines, l => l == "# TYPE http_server_request_duration_seconds histogram");
        var okCount = lines.Single(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("http_route=\"/items/{id}\"", StringComparison.Ordinal)
            && l.Contains("http_request_method=\"GET\"", StringComparison.Ordinal)
            && l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal));
        Assert.EndsWith(" 3", okCount, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("http_response_status_code=\"400\"", StringComparison.Ordinal) && l.Contains("le=\"+Inf\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("http_server_active_requests{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dotnet_process_cpu_time_seconds_total{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dotnet_process_memory_working_set_bytes{", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("dotnet_gc_collections_total{", StringComparison.Ordinal));
        Assert.All(lines.Where(l => l.Length > 0 && l[0] != '#'), l => Assert.Contains("service=\"probe\"", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("/health", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_services_in_one_process_each_count_only_their_own_requests()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var other = await TestService.StartAsync("other", app => app.MapGet("/items/{id}", (int id) => Results.Ok(new { id })));
        for (var i = 0; i < 3; i++) await service.Api.GetAsync($"/items/{i}", ct);
        for (var i = 0; i < 2; i++) await other.Api.GetAsync($"/items/{i}", ct);

        Assert.Equal(["3"], await RouteCountsAsync(service, ct));
        Assert.Equal(["2"], await RouteCountsAsync(other, ct));
    }

    /// <summary>The request counts of every series of GET /items/{id} answered 200 that the service's /metrics shows.</summary>
    private static async Task<string[]> RouteCountsAsync(TestService service, CancellationToken ct) =>
        (await service.Management.GetStringAsync("/metrics", ct)).Split('\n')
            .Where(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
                && l.Contains("http_route=\"/items/{id}\"", StringComparison.Ordinal)
                && l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal))
            .Select(l => l[(l.LastIndexOf(' ') + 1)..])
            .ToArray();

    [Fact]
    public async Task Shutdown_lets_in_flight_requests_finish_and_turns_ready_off()
    {
        var ct = TestContext.Current.CancellationToken;
        var slow = service.Api.GetAsync("/slow", ct);
        await slowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        var stopping = service.App.StopAsync(ct);
        var ready = await ReadyDuringShutdown(ct);
        var response = await slow;
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"done\"", await response.Content.ReadAsStringAsync(ct));
        Assert.NotEqual(HttpStatusCode.OK, ready);
        await Assert.ThrowsAsync<HttpRequestException>(() => service.Api.GetAsync("/items/1", ct));
    }

    private async Task<HttpStatusCode?> ReadyDuringShutdown(CancellationToken ct)
    {
        try
        {
            return (await service.Management.GetAsync("/health/ready", ct)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // The listener already closed: not ready either.
        }
    }
}
