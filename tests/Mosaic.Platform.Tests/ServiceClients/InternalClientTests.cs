using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.ServiceClients;
using Mosaic.Platform.Tests.Support;

namespace Mosaic.Platform.Tests.ServiceClients;

public class InternalClientTests
{
    [Fact]
    public async Task Calls_are_spread_over_instances_and_skip_one_that_is_down()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await TestService.StartAsync("stock", app => app.MapGet("/who", () => "first"));
        await using var second = await TestService.StartAsync("stock", app => app.MapGet("/who", () => "second"));
        var down = FreePort.Next();
        await using var caller = await TestService.StartAsync("shop", _ => { }, new Dictionary<string, string?>
        {
            ["Mosaic:Endpoints:stock"] = $"http://127.0.0.1:{first.Port},http://127.0.0.1:{down},http://127.0.0.1:{second.Port}",
        });
        var clients = caller.App.Services.GetRequiredService<IServiceClientFactory>();

        var answers = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            using var client = clients.CreateClient("stock");
            answers.Add(await client.GetStringAsync("/who", ct));
        }

        Assert.Equal(9, answers.Count);
        Assert.InRange(answers.Count(a => a == "first"), 3, 6);
        Assert.InRange(answers.Count(a => a == "second"), 3, 6);
    }

    [Fact]
    public async Task When_every_instance_is_down_the_error_names_the_service()
    {
        await using var caller = await TestService.StartAsync("shop", _ => { }, new Dictionary<string, string?>
        {
            ["Mosaic:Endpoints:stock"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        using var client = caller.App.Services.GetRequiredService<IServiceClientFactory>().CreateClient("stock");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync("/who", TestContext.Current.CancellationToken));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Contains("'stock'", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
    }

    [Fact]
    public async Task Calls_to_other_services_are_measured_per_target()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stock = await TestService.StartAsync("stock", app => app.MapGet("/who", () => "stock"));
        await using var caller = await TestService.StartAsync("shop", _ => { }, new Dictionary<string, string?>
        {
            ["Mosaic:Endpoints:stock"] = $"http://127.0.0.1:{stock.Port}",
        });
        using (var client = caller.App.Services.GetRequiredService<IServiceClientFactory>().CreateClient("stock"))
            await client.GetStringAsync("/who", ct);

        var metrics = await caller.Management.GetStringAsync("/metrics", ct);

        Assert.Contains(metrics.Split('\n'), l => l.StartsWith("mosaic_client_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("target_service=\"stock\"", StringComparison.Ordinal) && l.Contains("status=\"200\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_service_is_refused_before_any_call()
    {
        await using var caller = await TestService.StartAsync("shop", _ => { });

        var factory = caller.App.Services.GetRequiredService<IServiceClientFactory>();

        Assert.Throws<UnknownServiceException>(() => factory.CreateClient("nowhere"));
    }
}
