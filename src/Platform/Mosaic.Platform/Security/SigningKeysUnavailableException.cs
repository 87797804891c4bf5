namespace Mosaic.Platform.Security;

/// <summary>
/// No signing keys could be had from identity, so no token can be checked: the honest answer is
/// "try again shortly" (503), not "your token is bad" (401).
/// </summary>
public sealed class SigningKeysUnavailableException : Exception
{
    public SigningKeysUnavailableException() : base("identity's signing keys could not be fetched; tokens cannot be checked right now.") { }

    public SigningKeysUnavailableException(string message) : base(message) { }

    public SigningKeysUnavailableException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Seconds a caller should wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;
}
