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
        Prefix = manifest.Prefix;
        Service = manifest.Service;
        anonymous = manifest.Anonymous.Select(text => AnonymousOperation.Parse(text, manifest.Prefix)).ToArray();
    }

    /// <summary>The public prefix, e.g. <c>/api/catalog</c>; it is stripped before forwarding.</summary>
    public string Prefix { get; }

    public string Service { get; }

    /// <summary>How the route is named in request metrics: the prefix and everything under it.</summary>
    public string MetricsRoute => field ??= Prefix + "/**";

    /// <summary>Whether the path is the prefix itself or lies under it, on a segment boundary.</summary>
    public bool Covers(string path) =>
        path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == Prefix.Length || path[Prefix.Length] == '/');

    /// <summary>The path the service sees: what follows the prefix, or <c>/</c>.</summary>
    public ReadOnlySpan<char> Remainder(string path) =>
        path.Length == Prefix.Length ? "/" : path.AsSpan(Prefix.Length);

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
}
