namespace Mosaic.Payments.Provider;

/// <summary>
/// The provider could not be asked (down, too slow, failing, or the circuit is open): whether a charge
/// happened is unknown, so the handler throws this and the message is retried later with the same
/// idempotency key.
/// </summary>
public sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException() { }

    public ProviderUnavailableException(string message) : base(message) { }

    public ProviderUnavailableException(string message, Exception inner) : base(message, inner) { }
}
