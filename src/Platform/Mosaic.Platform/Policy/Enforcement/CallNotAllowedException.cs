namespace Mosaic.Platform.Policy.Enforcement;

/// <summary>The policy does not let this service make a call; it was refused before it left.</summary>
public sealed class CallNotAllowedException(string source, string target, string method, string path)
    : InvalidOperationException(
        $"The policy does not allow {source} to call {method} {path} on {target}, so the call was not sent. " +
        $"If it should be allowed, add it to a '{source} -> {target}' rule in policies/{PolicyParser.FileName} and run ./mosaic policy check.")
{
    public string Target { get; } = target;
}
