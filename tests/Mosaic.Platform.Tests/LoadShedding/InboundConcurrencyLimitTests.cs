using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.LoadShedding;

/// <summary>An instance at its concurrency limit sheds with 503 + Retry-After, keeps health and metrics answering, and recovers.</summary>
public sealed class InboundConcurrencyLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A service whose /hold requests wait until the test lets them go.</summary>
    private static Task<TestService> StartAsync(TaskCompletionSource release, Dictionary<string, string?> settings) =>
        TestService.StartAsync("shedder", app =>
        {
            app.MapGet("/hold", async () =>
            {
                await release.Task;
                return Results.Ok();
            });
            app.MapGet("/quick", () => Results.Ok());
        }, settings);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++) await Task.Delay(25, Ct);
    }

    [Fact]
    public async Task Beyond_the_limit_and_its_queue_a_request_gets_503_with_retry_after_at_once_while_health_still_answers()
    {
        var release = new TaskCompletionSource();
        await using var service = await StartAsync(release, new()
        {
            ["Mosaic:LoadShedding:MaxConcurrentRequests"] = "2",
            ["Mosaic:LoadShedding:QueueLimit"] = "1",
            ["Mosaic:LoadShedding:QueueTimeout"] = "00:00:30",
            ["Mosaic:LoadShedding:RetryAfter"] = "00:00:02",
        });
        var held = Enumerable.Range(0, 3).Select(_ => service.Api.GetAsync("/hold", Ct)).ToList(); // two admitted, one queued
        // Until the third is queued, the next request would take the queue's place and wait out its 30 s.
        await WaitUntilAsync(async () =>
        {
            var metrics = await service.Management.GetStringAsync("/metrics", Ct);
            return Gauge(metrics, "mosaic_inbound_in_flight{") == 2 && Gauge(metrics, "mosaic_inbound_queued{") == 1;
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var shed = await service.Api.GetAsync("/quick", Ct);
        var shedTook = clock.Elapsed;
        var ready = await service.Management.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, shed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), shed.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", shed.Content.Headers.ContentType?.MediaType);
        using (var problem = JsonDocument.Parse(await shed.Content.ReadAsStringAsync(Ct)))
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(shedTook < TimeSpan.FromSeconds(5), $"shedding took {shedTook}");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        release.SetResult();
        Assert.All(await Task.WhenAll(held), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await service.Api.GetAsync("/quick", Ct)).StatusCode);
        Assert.Contains("mosaic_inbound_shed_total{", await service.Management.GetStringAsync("/metrics", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_request_is_shed_when_its_queue_time_runs_out_and_admitted_when_a_slot_frees_in_time()
    {
        var release = new TaskCompletionSource();
        await using var service = await StartAsync(release, new()
        {
            ["Mosaic:LoadShedding:MaxConcurrentRequests"] = "1",
            ["Mosaic:LoadShedding:QueueLimit"] = "5",
            ["Mosaic:LoadShedding:QueueTimeout"] = "00:00:00.300",
        });
        var holding = service.Api.GetAsync("/hold", Ct);
        await WaitUntilAsync(async () => Gauge(await service.Management.GetStringAsync("/metrics", Ct), "mosaic_inbound_in_flight{") == 1);

        var timedOut = await service.Api.GetAsync("/quick", Ct);
        var waiting = service.Api.GetAsync("/quick", Ct);
        await Task.Delay(100, Ct);
        release.SetResult();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, timedOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
    }

    [Fact]
    public async Task With_shedding_disabled_nothing_is_refused()
    {
        var release = new TaskCompletionSource();
        await using var service = await StartAsync(release, new()
        {
            ["Mosaic:LoadShedding:Enabled"] = "false",
            ["Mosaic:LoadShedding:MaxConcurrentRequests"] = "1",
            ["Mosaic:LoadShedding:QueueLimit"] = "0",
        });
        var holding = service.Api.GetAsync("/hold", Ct);
        await Task.Delay(200, Ct);

        Assert.Equal(HttpStatusCode.OK, (await service.Api.GetAsync("/quick", Ct)).StatusCode);
        release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await holding).StatusCode);
    }

    [Fact]
    public async Task A_limit_out_of_range_stops_the_service_at_start()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(new TaskCompletionSource(), new()
        {
            ["Mosaic:LoadShedding:MaxConcurrentRequests"] = "0",
        }));

        Assert.Contains("MaxConcurrentRequests", error.ToString(), StringComparison.Ordinal);
    }

    private static long Gauge(string metrics, string prefix) =>
        metrics.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Select(l => long.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
}
