using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Messaging;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>
/// Which transport an environment's services use and where the embedded one keeps its file, read the
/// way the services read it: <c>Mosaic:Messaging</c> from the environment variables <c>up</c> hands down.
/// </summary>
public sealed record BusSettings(string Transport, string EmbeddedPath, bool TransportFromEnvironment)
{
    public const string TransportVariable = "Mosaic__Messaging__Transport";
    public const string EmbeddedPathVariable = "Mosaic__Messaging__EmbeddedPath";

    public bool IsEmbedded => string.Equals(Transport, TransportFactory.Embedded, StringComparison.OrdinalIgnoreCase);

    public static BusSettings For(MosaicWorkspace workspace, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        var transport = context.EnvironmentVariable(TransportVariable);
        var path = context.EnvironmentVariable(EmbeddedPathVariable);
        return new BusSettings(
            string.IsNullOrWhiteSpace(transport) ? TransportFactory.Embedded : transport.Trim(),
            string.IsNullOrWhiteSpace(path) ? TransportFactory.DefaultEmbeddedPath(workspace.StateDirectory) : Path.GetFullPath(path, workspace.Root),
            !string.IsNullOrWhiteSpace(transport));
    }
}
