using System.Net;
using System.Net.Sockets;

namespace Mosaic.Gateway.Tests.Support;

/// <summary>
/// A loopback port nobody listens on, picked below the kernel's ephemeral range (32768 and up) so
/// that an outgoing connection cannot take it between this check and the test binding it.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException("No free loopback port between 20000 and 32000.");
    }
}
