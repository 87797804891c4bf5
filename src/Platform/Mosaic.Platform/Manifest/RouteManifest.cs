namespace Mosaic.Platform.Manifest;

/// <summary>A public route of the gateway: requests under <see cref="Prefix"/> go to <see cref="Service"/>.</summary>
public sealed class RouteManifest
{
    public required string Prefix { get; init; }

    public required string Service { get; init; }

    /// <summary>Operations ("METHOD /path", where <c>*</c> matches one segment) open without a token.</summary>
    public IReadOnlyList<string> Anonymous { get; init; } = [];
}
