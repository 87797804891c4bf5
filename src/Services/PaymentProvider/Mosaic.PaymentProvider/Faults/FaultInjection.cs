using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.PaymentProvider.Faults;

/// <summary>
/// Makes charging and refunding misbehave as <see cref="FaultState"/> says: slow, down (503),
/// or failing a share of requests with a 500, either before doing anything or, nastier, after the
/// charge was recorded, so that the caller never hears of a charge that did happen.
/// </summary>
internal sealed partial class FaultInjection(FaultState faults, TimeProvider time, ILogger<FaultInjection> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var settings = faults.Current;
        var request = context.HttpContext.Request;
        if (settings.LatencyMs > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(settings.LatencyMs), time, context.HttpContext.RequestAborted);

        if (settings.Outage)
        {
            LogInjected(logger, "outage", request.Method, request.Path);
            return Results.Problem(
                title: "Service unavailable",
                detail: "The payment provider is down (simulated outage).",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // A simulator's coin toss, not security: which requests fail need not be unpredictable.
        var fail = settings.ErrorRate > 0 && Random.Shared.NextDouble() < settings.ErrorRate;
        if (fail && !settings.ErrorAfterCharge)
        {
            LogInjected(logger, "error", request.Method, request.Path);
            return InternalError();
        }

        var result = await next(context);
        if (!fail) return result;
        LogInjected(logger, "error after the work was done", request.Method, request.Path);
        return InternalError();
    }

    private static IResult InternalError() => Results.Problem(
        title: "Unexpected error",
        detail: "The payment provider failed (simulated error).",
        statusCode: StatusCodes.Status500InternalServerError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Injected {Fault} into {Method} {Path}")]
    private static partial void LogInjected(ILogger logger, string fault, string method, string path);
}
