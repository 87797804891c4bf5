namespace Mosaic.Platform.Manifest;

/// <summary>The manifest cannot be read or says something impossible; the message says what to fix.</summary>
public sealed class ManifestException : Exception
{
    public ManifestException(string message) : base(message) { }

    public ManifestException(string message, Exception inner) : base(message, inner) { }

    public ManifestException() { }
}
