using System.Net;
using Mosaic.Gateway.Authentication;

namespace Mosaic.Gateway.RateLimiting;

/// <summary>Whose budget a request spends: the user's when the token was valid, else the client address's.</summary>
internal readonly record struct ClientKey(string? Subject, IPAddress? Address)
{
    public static ClientKey For(HttpContext context)
    {
        var subject = CallerAuthentication.Subject(context);
        return subject is not null ? new ClientKey(subject, null) : new ClientKey(null, context.Connection.RemoteIpAddress);
    }
}
