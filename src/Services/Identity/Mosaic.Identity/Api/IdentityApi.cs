namespace Mosaic.Identity.Api;

public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder routes)
    {
        RegisterEndpoint.Map(routes);
        LoginEndpoint.Map(routes);
        MeEndpoint.Map(routes);
        JwksEndpoint.Map(routes);
        return routes;
    }
}
