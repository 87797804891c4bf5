namespace Mosaic.Platform.Messaging.Transport;

/// <summary>
/// A transport that reaches its broker over a network connection, and so can be cut off from it.
/// The service is not ready while it is: readiness asks <see cref="IsConnected"/>.
/// </summary>
public interface IBrokerConnection
{
    /// <summary>Where the broker is, without credentials (<c>host:port/vhost</c>), for <c>/info</c> and logs.</summary>
    string Endpoint { get; }

    /// <summary>False until the first connection succeeds and while a lost one is being recovered.</summary>
    bool IsConnected { get; }
}
