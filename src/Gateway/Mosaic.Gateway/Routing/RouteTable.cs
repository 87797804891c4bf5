using Mosaic.Platform.Manifest;

namespace Mosaic.Gateway.Routing;

/// <summary>The gateway's public routes from mosaic.yaml, matched in the order they are written.</summary>
internal sealed class RouteTable
{
    private readonly GatewayRoute[] routes;

    public RouteTable(SystemManifest manifest)
    {
        routes = manifest.Routes.Select(route => new GatewayRoute(route)).ToArray();
        Summary = routes.Length == 0 ? "none" : string.Join(", ", routes.Select(r => r.Prefix));
    }

    /// <summary>The public prefixes, for telling a caller who missed them what exists.</summary>
    public string Summary { get; }

    public GatewayRoute? Match(string path)
    {
        foreach (var route in routes)
            if (route.Covers(path)) return route;
        return null;
    }
}
