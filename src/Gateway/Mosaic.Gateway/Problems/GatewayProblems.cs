using Mosaic.Platform.Security;
using Microsoft.AspNetCore.Mvc;

namespace Mosaic.Gateway.Problems;

/// <summary>The answers the gateway gives itself, each problem+json with the trace id, never forwarded.</summary>
internal static class GatewayProblems
{
    /// <summary>nginx's convention for "the client closed the connection before the answer".</summary>
    public const int ClientClosedRequest = 499;

    public static Task NoRoute(HttpContext context, string routes) => Write(context, StatusCodes.Status404NotFound,
        "Not found", $"No public route matches '{context.Request.Path}'. Routes: {routes}.");

    public static Task Unauthorized(HttpContext context, bool tokenSent)
    {
        // RFC 6750: name the problem only when a token was sent; a bare challenge otherwise.
        context.Response.Headers.WWWAuthenticate = tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer";
        return Write(context, StatusCodes.Status401Unauthorized, "Unauthorized", tokenSent
            ? "The access token is not valid (signature, issuer, audience or expiry). Log in again for a new one."
            : "This operation needs an access token: send 'Authorization: Bearer <token>' from POST /api/identity/login.");
    }

    public static Task TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (long)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Write(context, StatusCodes.Status429TooManyRequests, "Too many requests",
            $"This client sent more requests than it may; try again in {seconds} s.");
    }

    public static Task PayloadTooLarge(HttpContext context, long? limit)
    {
        // The rest of the body is never read, so this connection cannot carry another request:
        // say so, or the client reuses it and its next request fails.
        context.Response.Headers.Connection = "close";
        return Write(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", limit is null
            ? "The request body is larger than the gateway accepts."
            : $"The request body is larger than the {limit} bytes the gateway accepts.");
    }

    /// <summary>The caller's body broke off or was malformed (bad chunking) while it streamed through.</summary>
    public static Task BadBody(HttpContext context, string detail)
    {
        context.Response.Headers.Connection = "close";
        return Write(context, StatusCodes.Status400BadRequest, "Bad request body", detail);
    }

    /// <summary>The policy does not let the gateway make this call; like every denial, it says nothing of the policy.</summary>
    public static Task Forbidden(HttpContext context) => Write(context, StatusCodes.Status403Forbidden,
        "Forbidden", "This call is not allowed.");

    public static Task NotCanonical(HttpContext context) => Write(context, StatusCodes.Status400BadRequest,
        "Bad request", "The request path is not in canonical form (encoded separators, dot segments, backslashes or non-ASCII characters).");

    public static Task Unavailable(HttpContext context, string service) => Write(context, StatusCodes.Status503ServiceUnavailable,
        "Service unavailable", $"No instance of '{service}' is reachable right now; try again shortly.");

    public static Task TokensUncheckable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = SigningKeysUnavailableException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Write(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            "Access tokens cannot be checked right now; try again shortly.");
    }

    public static Task Timeout(HttpContext context, string service, TimeSpan timeout) => Write(context, StatusCodes.Status504GatewayTimeout,
        "Gateway timeout", $"'{service}' did not answer within {timeout.TotalSeconds:0.###} s.");

    public static Task BadGateway(HttpContext context, string service) => Write(context, StatusCodes.Status502BadGateway,
        "Bad gateway", $"'{service}' failed while answering; the trace id identifies the attempt in the logs.");

    private static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
