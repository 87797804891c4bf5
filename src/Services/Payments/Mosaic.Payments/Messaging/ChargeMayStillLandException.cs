using System.Globalization;

namespace Mosaic.Payments.Messaging;

/// <summary>
/// The order was cancelled before payments charged it and the provider shows no charge yet, but one
/// we gave up waiting for could still arrive: the message is retried until <see cref="SettledAt"/>.
/// </summary>
public sealed class ChargeMayStillLandException : Exception
{
    public ChargeMayStillLandException() { }

    public ChargeMayStillLandException(string message) : base(message) { }

    public ChargeMayStillLandException(string message, Exception inner) : base(message, inner) { }

    public ChargeMayStillLandException(Guid orderId, DateTimeOffset settledAt)
        : base($"Order {orderId} was cancelled and shows no charge, but an abandoned charge attempt could still land until {settledAt.ToString("O", CultureInfo.InvariantCulture)}; checking again then.")
    {
        SettledAt = settledAt;
    }

    public DateTimeOffset SettledAt { get; }
}
