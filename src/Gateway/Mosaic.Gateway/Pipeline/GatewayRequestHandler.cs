using Microsoft.AspNetCore.Http.Features;
using Mosaic.Gateway.Authentication;
using Mosaic.Gateway.Forwarding;
using Mosaic.Gateway.Metrics;
using Mosaic.Gateway.Problems;
using Mosaic.Gateway.RateLimiting;
using Mosaic.Gateway.Routing;

namespace Mosaic.Gateway.Pipeline;

/// <summary>
/// Every public request, in order: find the route, refuse a body declared too large, require a valid
/// token unless the operation is open, spend the client's rate budget, forward. The cheap refusals
/// come first and none of them reaches a service.
/// </summary>
internal sealed class GatewayRequestHandler(RouteTable routes, ClientRateLimiter rateLimiter, Forwarder forwarder, GatewayMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var route = routes.Match(path);
        if (route is null)
        {
            await GatewayProblems.NoRoute(context, routes.Summary);
            return;
        }
        // The gateway has no endpoints, so the framework's request metrics would carry no route: name it.
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new("http.route", route.MetricsRoute));
        metrics.RequestCompleted(route, await AdmitAndForwardAsync(context, route, path));
    }

    private async Task<int> AdmitAndForwardAsync(HttpContext context, GatewayRoute route, string path)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            await GatewayProblems.PayloadTooLarge(context, limit);
            return StatusCodes.Status413PayloadTooLarge;
        }

        if (!route.AllowsAnonymous(context.Request.Method, path))
        {
            var token = await CallerAuthentication.CheckAsync(context);
            if (token == TokenCheck.Uncheckable)
            {
                await GatewayProblems.TokensUncheckable(context);
                return StatusCodes.Status503ServiceUnavailable;
            }
            if (token != TokenCheck.Valid)
            {
                await GatewayProblems.Unauthorized(context, tokenSent: token == TokenCheck.Invalid);
                return StatusCodes.Status401Unauthorized;
            }
        }

        if (!rateLimiter.TryAdmit(context, out var retryAfter))
        {
            await GatewayProblems.TooManyRequests(context, retryAfter);
            return StatusCodes.Status429TooManyRequests;
        }

        return await forwarder.ForwardAsync(context, route);
    }
}
