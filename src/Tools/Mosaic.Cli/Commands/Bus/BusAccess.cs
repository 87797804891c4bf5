using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Messaging.Embedded;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>Opens an environment's bus for inspection, without creating one where none exists.</summary>
public static class BusAccess
{
    /// <summary>The one transport <c>mosaic bus</c> can read so far; anything else is a sentence, not a crash.</summary>
    public static void RequireSupported(BusSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsEmbedded)
            throw new CliException(
                $"Mosaic:Messaging:Transport is '{settings.Transport}' (from {BusSettings.TransportVariable}); mosaic bus supports only the embedded transport yet: use the broker's own tools to look at its queues.");
    }

    /// <summary>
    /// The embedded transport over the environment's bus file, or null when there is no file yet
    /// (nothing has been declared or published). Opening a missing file would create an empty bus,
    /// which would then look like one that was drained.
    /// </summary>
    public static EmbeddedTransport? OpenExisting(BusSettings settings)
    {
        RequireSupported(settings);
        if (!File.Exists(settings.EmbeddedPath)) return null;
        return new EmbeddedTransport(
            new EmbeddedTransportOptions { Path = settings.EmbeddedPath },
            TimeProvider.System,
            $"mosaic-cli/{Environment.ProcessId}/{Guid.NewGuid():N}",
            NullLogger<EmbeddedTransport>.Instance);
    }

    /// <summary>The sentence for an environment without a bus file; <paramref name="consequence"/> says what that means for the command.</summary>
    public static string NoBus(MosaicWorkspace workspace, BusSettings settings, string consequence)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        return $"There is no bus in '{workspace.Environment}' yet ({workspace.Display(settings.EmbeddedPath)} does not exist), so {consequence}: the services create it when they start (./mosaic up -e {workspace.Environment}).";
    }
}
