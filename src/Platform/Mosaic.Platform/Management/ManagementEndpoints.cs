using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Metrics;

namespace Mosaic.Platform.Management;

/// <summary>
/// What the management listener serves: liveness, readiness, metrics and info. It is a branch of
/// its own, chosen by the port the connection arrived on, so none of it is reachable through the
/// API listener, whatever Host header a client sends.
/// </summary>
internal static class ManagementEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static void Configure(IApplicationBuilder app)
    {
        app.Run(context =>
        {
            // Scrapes and probes are not traffic: keep them out of the request metrics.
            context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMetricsTagsFeature>()?.MetricsDisabled = true;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                return Status(context, StatusCodes.Status405MethodNotAllowed);
            return context.Request.Path.Value switch
            {
                "/health/live" => Health(context, LiveTag),
                "/health/ready" => Health(context, ReadyTag),
                "/metrics" => Metrics(context),
                "/info" => Info(context),
                _ => Status(context, StatusCodes.Status404NotFound),
            };
        });
    }

    private static async Task Health(HttpContext context, string tag)
    {
        var health = context.RequestServices.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(tag), context.RequestAborted);
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, Json, context.RequestAborted);
    }

    private static Task Metrics(HttpContext context)
    {
        var exporter = context.RequestServices.GetRequiredService<PrometheusExporter>();
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        return context.Response.WriteAsync(exporter.Scrape(context.RequestServices.GetService<IMeterFactory>()), context.RequestAborted);
    }

    private static Task Info(HttpContext context)
    {
        var identity = context.RequestServices.GetRequiredService<ServiceIdentity>();
        var contributors = context.RequestServices.GetServices<IInfoContributor>();
        var info = new Dictionary<string, object?>
        {
            ["service"] = identity.Service,
            ["version"] = identity.Version,
            ["instance"] = identity.InstanceId,
            ["environment"] = identity.Environment,
            ["startedAt"] = identity.StartedAt,
            ["uptimeSeconds"] = Math.Round((DateTimeOffset.UtcNow - identity.StartedAt).TotalSeconds),
            ["processId"] = Environment.ProcessId,
        };
        foreach (var contributor in contributors) contributor.Contribute(info);
        return context.Response.WriteAsJsonAsync(info, Json, context.RequestAborted);
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Adds facts to <c>/info</c> (a database provider, a certificate's expiry, a config version).</summary>
public interface IInfoContributor
{
    void Contribute(IDictionary<string, object?> info);
}
