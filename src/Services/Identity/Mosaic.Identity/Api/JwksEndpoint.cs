using Mosaic.Identity.Keys;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Api;

/// <summary><c>GET /.well-known/jwks.json</c>: the public key other services check access tokens with.</summary>
internal static class JwksEndpoint
{
    /// <summary>Short, so a rotated key reaches the other services soon; they also refetch on an unknown key id.</summary>
    internal const string CacheControl = "public, max-age=300";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(AccessTokens.JwksPath, Get)
            .WithName("Jwks")
            .Produces<JwksDocument>();

    private static IResult Get(SigningKey key, HttpResponse response)
    {
        response.Headers.CacheControl = CacheControl;
        return Results.Ok(new JwksDocument([key.PublicJwk]));
    }
}
