using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>Closing channels that may already be dead, and telling a lost connection from other failures.</summary>
internal static class ChannelLifetime
{
    /// <summary>Closes a channel that may already be dead; what it held is settled by the broker either way.</summary>
    public static async Task CloseAsync(IChannel channel)
    {
        try
        {
            if (channel.IsOpen) await channel.CloseAsync();
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            // The connection went while closing: the broker has released the channel already.
        }
        try
        {
            await channel.DisposeAsync();
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            // As above: nothing is left to release.
        }
    }

    /// <summary>What the client throws when the connection or channel is gone or going: the operation did not happen.</summary>
    public static bool IsConnectionFailure(Exception e) =>
        e is AlreadyClosedException or OperationInterruptedException
            or IOException or OperationCanceledException or TimeoutException or ObjectDisposedException
            or System.Net.Sockets.SocketException;
}
