using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Servers;

internal static class PortProbe
{
    /// <summary>Fails with what to do when a private server's port is held by something else.</summary>
    public static void EnsureFree(int port, string use, string option)
    {
        if (!PortCheck.IsFree(port))
            throw new CliException($"Port {port}, which the private {use} server needs, is already in use: stop the program holding it (`ss -ltnp 'sport = :{port}'` names it) or pick other ports with {option}.");
    }
}
