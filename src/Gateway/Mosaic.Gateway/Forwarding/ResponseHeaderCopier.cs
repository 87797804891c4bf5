using System.Collections.Frozen;
using System.Net.Http.Headers;
using Microsoft.Extensions.Primitives;
using Mosaic.Gateway.Routing;

namespace Mosaic.Gateway.Forwarding;

/// <summary>Copies the service's response headers to the caller, minus what belongs to the upstream connection.</summary>
internal static class ResponseHeaderCopier
{
    private static readonly FrozenSet<string> Skipped = HopByHopHeaders.With();

    public static void Copy(HttpResponseMessage upstream, HttpResponse response, GatewayRoute route)
    {
        var headers = upstream.Headers.NonValidated;
        var hasConnection = headers.TryGetValues("Connection", out var connection);
        CopyAll(headers, response.Headers, hasConnection, connection);
        CopyAll(upstream.Content.Headers.NonValidated, response.Headers, hasConnection, connection);
        ToPublic(response.Headers, "Location", route);
        ToPublic(response.Headers, "Content-Location", route);
    }

    /// <summary>
    /// A service says where a resource lives in its own terms (<c>/products/42</c>); the caller
    /// only knows the public path (<c>/api/catalog/products/42</c>). A local path outside the
    /// route's service path has no public form and is passed on as it is.
    /// </summary>
    private static void ToPublic(IHeaderDictionary headers, string name, GatewayRoute route)
    {
        if (!headers.TryGetValue(name, out var value) || value.Count != 1) return;
        var location = value.ToString();
        if (location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && route.PublicPath(location) is { } publicPath)
            headers[name] = publicPath;
    }

    private static void CopyAll(HttpHeadersNonValidated source, IHeaderDictionary target, bool hasConnection, HeaderStringValues connection)
    {
        foreach (var header in source)
        {
            if (Skipped.Contains(header.Key)) continue;
            if (hasConnection && HopByHopHeaders.IsNamedBy(connection, header.Key)) continue;
            target[header.Key] = ToStringValues(header.Value);
        }
    }

    private static StringValues ToStringValues(HeaderStringValues values)
    {
        // A single value is stored as the string itself: hand it over without copying.
        if (values.Count == 1) return new StringValues(values.ToString());
        var array = new string[values.Count];
        var i = 0;
        foreach (var value in values) array[i++] = value;
        return new StringValues(array);
    }
}
