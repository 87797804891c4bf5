using Mosaic.Platform.Configuration;
using Mosaic.Gateway.Forwarding;
using Mosaic.Gateway.Metrics;
using Mosaic.Gateway.RateLimiting;
using Mosaic.Gateway.Routing;
using Mosaic.Platform.Manifest;

namespace Mosaic.Gateway.Pipeline;

public static class GatewaySetup
{
    /// <summary>Routes from mosaic.yaml, per-client rate limits, the forwarder and the gateway's metrics.</summary>
    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        builder.AddSettings<ForwardingOptions>(ForwardingOptions.Section);
        builder.Services.AddSingleton(services => new RouteTable(services.GetService<SystemManifest>()
            ?? throw new ManifestException("The gateway routes by mosaic.yaml, and none was found: run from the repository or set Mosaic:Manifest.")));
        builder.Services.AddSingleton<ClientRateLimiter>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<Forwarder>();
        builder.Services.AddSingleton<GatewayRequestHandler>();
        return builder;
    }

    /// <summary>Makes the gateway the end of the pipeline: every request not served by the platform is forwarded or refused.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        // Resolved now, so a bad route in mosaic.yaml stops start-up instead of failing the first request.
        var gateway = app.Services.GetRequiredService<GatewayRequestHandler>();
        app.Run(gateway.HandleAsync);
        return app;
    }
}
