using Mosaic.Platform.Manifest;

namespace Mosaic.Gateway.Routing;

/// <summary>A public path prefix, the service behind it, and the operations under it that need no token.</summary>
internal sealed class GatewayRoute
{
    private readonly AnonymousOperation[] anonymous;

    public GatewayRoute(RouteManifest manifest)
    {
        if (!manifest.Prefix.All(IsNeverEscaped))
            throw new ManifestException(
                $"mosaic.yaml: route prefix '{manifest.Prefix}' may only use letters, digits and '-', '.', '_', '~', '/'.");
        if (!manifest.ServicePath.All(IsNeverEscaped) || (manifest.ServicePath.Length > 0 && !manifest.ServicePath.StartsWith('/')))
            throw new ManifestException(
                $"mosaic.yaml: route '{manifest.Prefix}' has servicePath '{manifest.ServicePath}'; it starts with '/' and may only use letters, digits and '-', '.', '_', '~', '/'.");
        Prefix = manifest.Prefix;
        Service = manifest.Service;
        ServicePath = manifest.ServicePath;
        ForwardedPrefix = ForwardedPrefixOf(Prefix, ServicePath);
        anonymous = manifest.Anonymous.Select(text => AnonymousOperation.Parse(text, manifest.Prefix)).ToArray();
    }

    /// <summary>The public prefix, e.g. <c>/api/catalog</c>; it is stripped before forwarding.</summary>
    public string Prefix { get; }

    public string Service { get; }

    /// <summary>Where the prefix lands in the service, e.g. <c>/orders</c>; empty when the prefix is simply cut off.</summary>
    public string ServicePath { get; }

    /// <summary>
    /// What a service puts in front of its own paths to get the public one (<c>X-Forwarded-Prefix</c>):
    /// the prefix, or with a service path the part of the prefix before it (<c>/api/orders</c> landing on
    /// <c>/orders</c> gives <c>/api</c>); null when no prefix turns the service's paths into public ones.
    /// </summary>
    public string? ForwardedPrefix { get; }

    /// <summary>How the route is named in request metrics: the prefix and everything under it.</summary>
    public string MetricsRoute => field ??= Prefix + "/**";

    /// <summary>Whether the path is the prefix itself or lies under it, on a segment boundary.</summary>
    public bool Covers(string path) =>
        path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == Prefix.Length || path[Prefix.Length] == '/');

    /// <summary>What follows the prefix, or <c>/</c>: the public path the anonymous operations are written against.</summary>
    public ReadOnlySpan<char> Remainder(string path) =>
        path.Length == Prefix.Length ? "/" : path.AsSpan(Prefix.Length);

    /// <summary>
    /// What is forwarded after <see cref="ServicePath"/>: the remainder, except that with a service
    /// path the prefix alone is the service path itself (<c>/api/orders</c> is <c>/orders</c>, not <c>/orders/</c>).
    /// </summary>
    public ReadOnlySpan<char> ServiceRemainder(string path) =>
        ServicePath.Length == 0 ? Remainder(path) : path.AsSpan(Prefix.Length);

    /// <summary>
    /// A path in the service's terms (a Location header) in public terms: <c>/orders/42</c> becomes
    /// <c>/api/orders/42</c>. Null for a path outside the service path, which no public path reaches.
    /// </summary>
    public string? PublicPath(string servicePath)
    {
        if (ServicePath.Length == 0) return string.Concat(Prefix, servicePath);
        if (!servicePath.StartsWith(ServicePath, StringComparison.OrdinalIgnoreCase)) return null;
        if (servicePath.Length == ServicePath.Length) return Prefix;
        return servicePath[ServicePath.Length] is '/' or '?' or '#'
            ? string.Concat(Prefix, servicePath.AsSpan(ServicePath.Length))
            : null;
    }

    public bool AllowsAnonymous(string method, string path)
    {
        var remainder = Remainder(path);
        foreach (var operation in anonymous)
            if (operation.Matches(method, remainder)) return true;
        return false;
    }

    // The forwarder cuts the prefix off the encoded path by length, which is only sound when the
    // prefix reads the same encoded and decoded.
    private static bool IsNeverEscaped(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '/';

    private static string? ForwardedPrefixOf(string prefix, string servicePath)
    {
        if (servicePath.Length == 0) return prefix;
        return prefix.EndsWith(servicePath, StringComparison.OrdinalIgnoreCase) && prefix.Length > servicePath.Length
            ? prefix[..^servicePath.Length]
            : null;
    }
}
