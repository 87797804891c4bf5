using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Mosaic.Platform.Listeners;
using Mosaic.Platform.LoadShedding;
using Mosaic.Platform.Management;
using Mosaic.Platform.Policy.Enforcement;
using Mosaic.Platform.Tracing;

namespace Mosaic.Platform.Hosting;

/// <summary>
/// The middleware in front of every service's own endpoints. Added as a startup filter so a
/// service's Program.cs needs no second call to get it.
/// </summary>
internal sealed class MosaicPipeline(ListenerPorts? ports, bool inboundPolicy) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<TraceIdHeaderMiddleware>();
        if (ports is not null)
            app.MapWhen(context => context.Connection.LocalPort == ports.Management, ManagementEndpoints.Configure);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // After the management branch: health and metrics must answer however busy the API is.
        app.UseMiddleware<InboundConcurrencyLimit>();
        // Every request that came through a listener (the management branch above is terminal) is checked;
        // only an in-process test server, which has no connection and so no local port, is not.
        if (inboundPolicy)
            app.UseWhen(context => context.Connection.LocalPort != 0, api => api.UseMiddleware<InboundPolicyMiddleware>());
        next(app);
    };
}
