using System.Net;
using System.Net.Sockets;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>A port an instance needs that something else already holds.</summary>
public sealed record PortConflict(int Port, ServiceInstance Instance, string Listener)
{
    public string Sentence =>
        $"Port {Port} ({Instance.Id} {Listener}) is already in use: stop the program holding it (`ss -ltnp 'sport = :{Port}'` names it) or give {Instance.Service} other ports in mosaic.yaml.";
}

/// <summary>Checks, before anything starts, that every port of every instance can be bound.</summary>
public static class PortCheck
{
    public static IReadOnlyList<PortConflict> FindConflicts(SystemManifest manifest)
    {
        var conflicts = new List<PortConflict>();
        foreach (var service in manifest.StartOrder())
        {
            foreach (var instance in service.AllInstances())
            {
                if (!IsFree(instance.Port)) conflicts.Add(new PortConflict(instance.Port, instance, "API"));
                if (!IsFree(instance.ManagementPort)) conflicts.Add(new PortConflict(instance.ManagementPort, instance, "management"));
            }
        }
        return conflicts;
    }

    /// <summary>
    /// Binding is the test the service itself will face; a connect test would miss a socket bound
    /// but not yet listening and be fooled by firewalls.
    /// </summary>
    public static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Kestrel binds with SO_REUSEADDR, so a port whose last connections linger in TIME_WAIT after a
        // restart is free for the service; on Linux and macOS the option never lets two listeners share a port.
        if (!OperatingSystem.IsWindows()) socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }
}
