using System.CommandLine;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Bus;

/// <summary><c>mosaic bus</c>: look into the message bus of an environment, and deal with its dead letters.</summary>
public static class BusCommand
{
    public static Command Create(CliContext context)
    {
        var dlq = new Command("dlq", "Inspect and redrive dead letters: messages their consumer gave up on.")
        {
            DeadLetterListCommand.Create(context),
            DeadLetterShowCommand.Create(context),
            DeadLetterRedriveCommand.Create(context),
        };
        return new Command("bus", "Look into the message bus: outboxes, queue depths and dead letters.")
        {
            BusStatsCommand.Create(context),
            dlq,
        };
    }
}
