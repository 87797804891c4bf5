using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Mosaic.Platform.Data;

namespace Mosaic.Platform.Problems;

/// <summary>
/// Turns every exception that reaches the edge into problem+json. What the client got wrong
/// (bad JSON, a body over the limit) is a 4xx that says so; only our own faults are a 500,
/// and those never show internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = "The request body is larger than this service accepts.",
            },
            BadHttpRequestException { InnerException: JsonException json } bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Malformed JSON",
                Detail = DescribeJsonError(json),
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "Bad request",
                Detail = bad.Message,
            },
            ServiceOverloadedException overloaded => Overloaded(context, overloaded),
            _ when DatabaseFailures.IsUnavailable(exception) => Overloaded(context, new ServiceOverloadedException(
                "The service cannot reach its database right now. Retry shortly.", DatabaseRetryAfter)),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            _ => new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Unexpected error",
                Detail = "The service failed to handle this request. The trace id identifies it in the logs.",
            },
        };

        if (problem is null)
        {
            LogAborted(logger, context.Request.Method, context.Request.Path);
            return true;
        }
        if (problem.Status >= 500) LogFailure(logger, exception, context.Request.Method, context.Request.Path);

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static readonly TimeSpan DatabaseRetryAfter = TimeSpan.FromSeconds(1);

    private static ProblemDetails Overloaded(HttpContext context, ServiceOverloadedException overloaded)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(overloaded.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service busy",
            Detail = overloaded.Message,
        };
    }

    private static string DescribeJsonError(JsonException json)
    {
        var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" at '{json.Path.TrimStart('$', '.')}'";
        return json.Message.Contains("missing required properties", StringComparison.Ordinal)
            ? json.Message.Split(" Path:", 2)[0]
            : $"The request body is not valid JSON for this operation{where}.";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure on {Method} {Path}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client went away during {Method} {Path}")]
    private static partial void LogAborted(ILogger logger, string method, string path);
}
