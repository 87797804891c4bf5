using Microsoft.AspNetCore.Routing;

namespace Mosaic.Platform.Contracts;

/// <summary>An endpoint as a contract lists it: <c>METHOD /route/{template}</c>, with <c>*</c> for an endpoint that takes any method.</summary>
public static class HttpEndpoint
{
    public static IEnumerable<string> Describe(RouteEndpoint endpoint)
    {
        var route = Route(endpoint.RoutePattern.RawText ?? "/");
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        return methods is null || methods.Count == 0 ? [$"* {route}"] : methods.Select(method => $"{method} {route}");
    }

    /// <summary>One spelling for a route: a leading '/', no trailing one.</summary>
    private static string Route(string raw) => "/" + raw.Trim('/');
}
