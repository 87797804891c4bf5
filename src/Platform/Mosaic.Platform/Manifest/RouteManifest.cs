namespace Mosaic.Platform.Manifest;

/// <summary>A public route of the gateway: requests under <see cref="Prefix"/> go to <see cref="Service"/>.</summary>
public sealed class RouteManifest
{
    public required string Prefix { get; init; }

    public required string Service { get; init; }

    /// <summary>
    /// Where the route lands in the service: a request to PREFIX/rest is sent as SERVICEPATH/rest, and
    /// PREFIX alone as SERVICEPATH. Empty (the default) sends /rest, the prefix simply cut off.
    /// </summary>
    public string ServicePath { get; init; } = "";

    /// <summary>Operations ("METHOD /path", where <c>*</c> matches one segment) open without a token.</summary>
    public IReadOnlyList<string> Anonymous { get; init; } = [];
}
