using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mosaic.Platform.Tests.Messaging.Transport;

/// <summary>
/// A TCP relay on loopback in front of the test broker, so a test can take the broker away from one
/// client without disturbing anyone else on it: <see cref="Cut"/> drops every connection through it
/// (as a network failure or a broker restart does), <see cref="Refuse"/> and <see cref="Accept"/>
/// make the broker unreachable and reachable again.
/// </summary>
internal sealed class BrokerRelay : IAsyncDisposable
{
    private readonly string brokerHost;
    private readonly int brokerPort;
    private readonly ConcurrentDictionary<Socket, bool> sockets = new();
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private Task accepting = Task.CompletedTask;

    private BrokerRelay(Uri broker)
    {
        brokerHost = broker.Host;
        brokerPort = broker.Port > 0 ? broker.Port : 5672;
        Port = FreePort.Next();
    }

    public int Port { get; }

    /// <summary>A relay to the broker of <paramref name="brokerUri"/>, not accepting connections until <see cref="Accept"/>.</summary>
    public static BrokerRelay To(string brokerUri) => new(new Uri(brokerUri));

    /// <summary><paramref name="brokerUri"/> with its host and port replaced by this relay's.</summary>
    public string UriThrough(string brokerUri) => new UriBuilder(brokerUri) { Host = "127.0.0.1", Port = Port }.Uri.ToString();

    public void Accept()
    {
        if (listener is not null) return;
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var current = listener;
        accepting = Task.Run(() => AcceptLoopAsync(current));
    }

    /// <summary>New connections are refused, as by a host whose broker is down; open ones stay.</summary>
    public void Refuse()
    {
        listener?.Stop();
        listener = null;
    }

    /// <summary>Drops every open connection through the relay at once.</summary>
    public void Cut()
    {
        foreach (var socket in sockets.Keys)
        {
            sockets.TryRemove(socket, out _);
            socket.Close(0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        Refuse();
        Cut();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener current)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await current.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return; // refused or disposed
            }
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await upstream.ConnectAsync(brokerHost, brokerPort, stopping.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                client.Close(0);
                upstream.Dispose();
                continue;
            }
            sockets.TryAdd(client, true);
            sockets.TryAdd(upstream, true);
            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token);
                if (read == 0) break;
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut, or the other side went.
        }
        // One side gone: the whole connection is.
        foreach (var socket in new[] { from, to })
        {
            if (sockets.TryRemove(socket, out _)) socket.Close(0);
        }
    }
}
