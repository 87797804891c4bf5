using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Mosaic.Platform.Tracing;

/// <summary>
/// Puts the request's W3C trace id on every response, so a caller holding a failed response
/// can find the matching log lines and spans.
/// </summary>
internal sealed class TraceIdHeaderMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Trace-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var activity = Activity.Current;
        if (activity is not null)
        {
            var traceId = activity.TraceId.ToHexString();
            context.Response.OnStarting(static state =>
            {
                var (response, id) = ((HttpResponse, string))state;
                response.Headers[HeaderName] = id;
                return Task.CompletedTask;
            }, (context.Response, traceId));
        }
        return next(context);
    }
}
