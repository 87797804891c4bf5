using System.Net;
using System.Net.Sockets;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Supervisor;

public class PortCheckTests
{
    [Fact]
    public void A_port_held_by_a_listening_socket_is_reported_with_its_instance()
    {
        using var workspace = TempWorkspace.WithServices("a", "b:2");
        var manifest = workspace.Manifest;
        var taken = manifest.GetService("b").Instance(1);
        using var holder = new TcpListener(IPAddress.Loopback, taken.ManagementPort);
        holder.Start();

        var conflicts = PortCheck.FindConflicts(manifest);

        var conflict = Assert.Single(conflicts);
        Assert.Equal(taken.ManagementPort, conflict.Port);
        Assert.Equal("b-1", conflict.Instance.Id);
        Assert.StartsWith($"Port {taken.ManagementPort} (b-1 management) is already in use:", conflict.Sentence);
    }

    [Fact]
    public void A_port_held_on_every_address_counts_as_in_use()
    {
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();

        Assert.False(PortCheck.IsFree(((IPEndPoint)listener.LocalEndpoint).Port));
    }

    [Fact]
    public void Free_ports_give_no_conflicts()
    {
        using var workspace = TempWorkspace.WithServices("a", "b:2:a");

        Assert.Empty(PortCheck.FindConflicts(workspace.Manifest));
    }

    [Fact]
    public void A_port_whose_last_connection_lingers_in_time_wait_is_free()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            using var accepted = listener.AcceptTcpClient();
            // The side that closes first keeps the connection in TIME_WAIT, as a stopped service does.
            accepted.Client.Close();
            listener.Stop();
        }

        Assert.True(PortCheck.IsFree(port));
    }
}
