using Microsoft.AspNetCore.Http;
using Mosaic.Platform.Certificates;

namespace Mosaic.Platform.Policy.Enforcement;

/// <summary>
/// In front of a service's API on its mutual-TLS listener: names the caller from its (already verified)
/// certificate, puts the path in its one canonical spelling, decides on that spelling and hands the very
/// same string to routing, so the check and the dispatch cannot read the path differently.
/// </summary>
internal sealed class InboundPolicyMiddleware(RequestDelegate next, PolicyEnforcer enforcer, PeerVerifier peers)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = CanonicalPath.Normalize(request.Path.Value);
        if (path is null)
            return Refuse(context, StatusCodes.Status400BadRequest, "Bad request", "The request path is not in canonical form (encoded separators, dot segments, backslashes or non-ASCII characters).");
        if (!ReferenceEquals(path, request.Path.Value)) request.Path = new PathString(path);

        var certificate = context.Connection.ClientCertificate;
        // Null for a certificate revoked since its handshake: the connection stays open, its requests are refused.
        var caller = certificate is null ? null : peers.IdentityOf(certificate);
        if (caller is null || !enforcer.AllowsInbound(caller.Service, request.Method, path))
            return Refuse(context, StatusCodes.Status403Forbidden, "Forbidden", "This call is not allowed.");
        return next(context);
    }

    private static Task Refuse(HttpContext context, int status, string title, string detail) =>
        Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
}
