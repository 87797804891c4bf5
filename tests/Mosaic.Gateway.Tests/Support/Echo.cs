namespace Mosaic.Gateway.Tests.Support;

/// <summary>What a fake service saw of a request that came through the gateway.</summary>
internal sealed record Echo(
    string Upstream,
    string Method,
    string Path,
    string Query,
    Dictionary<string, string> Headers,
    long BodyLength)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
