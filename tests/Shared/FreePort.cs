using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mosaic.Tests.Shared;

/// <summary>
/// Ports for test manifests, taken below the kernel's ephemeral range (32768 and up on Linux), where
/// client connections and other tests' port-0 listeners cannot land on them between the pick and the use;
/// never the same one twice in a run.
/// </summary>
internal static class FreePort
{
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            if (!Given.TryAdd(port, true)) continue;
            using var listener = new TcpListener(IPAddress.Loopback, port);
            try
            {
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // taken by something else: try another
            }
        }
        throw new InvalidOperationException("No free port between 20000 and 32000.");
    }
}
