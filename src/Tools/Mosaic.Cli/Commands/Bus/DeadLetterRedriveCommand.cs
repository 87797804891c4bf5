using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>
/// <c>mosaic bus dlq redrive (--queue Q | ID...)</c>: puts dead letters back on their queue, where their
/// consumers take them again with a fresh retry budget. Ids are checked first: one unknown id and nothing moves.
/// </summary>
public static class DeadLetterRedriveCommand
{
    public static Command Create(CliContext context)
    {
        var ids = new Argument<string[]>("id")
        {
            Description = "The dead letters to put back, by the ids dlq list shows.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var queue = new Option<string?>("--queue", "-q") { Description = "Put back every dead letter of this queue.", HelpName = "queue" };
        var environment = SharedOptions.Environment();
        var profile = BusSettings.ProfileOption();
        var command = new Command("redrive", "Put dead letters back on their queue, all of one queue (--queue) or the given ids.")
        {
            ids,
            queue,
            environment,
            profile,
        };
        command.Validators.Add(result =>
        {
            var hasIds = result.GetValue(ids) is { Length: > 0 };
            var hasQueue = result.GetValue(queue) is not null;
            if (hasIds == hasQueue)
                result.AddError("Say which dead letters to redrive: either --queue QUEUE for all of a queue's, or one or more ids (see ./mosaic bus dlq list), not both.");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            return RunAsync(workspace, BusSettings.For(workspace, context, parse.GetValue(profile)), context.Output,
                parse.GetValue(queue), parse.GetValue(ids) ?? [], cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        MosaicWorkspace workspace, BusSettings settings, ConsoleOutput output, string? queue, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(ids);
        await using var bus = BusAccess.OpenExisting(workspace, settings)
            ?? throw new CliException(BusAccess.NoBus(workspace, settings, "there is nothing to redrive"));

        if (queue is not null)
        {
            var queues = await bus.QueueStatsAsync(cancellationToken);
            if (!queues.Any(q => q.Queue == queue))
                throw new CliException(queues.Count == 0
                    ? $"There is no queue '{queue}' in '{workspace.Environment}': no queue has been declared yet."
                    : $"There is no queue '{queue}' in '{workspace.Environment}': the queues are {string.Join(", ", queues.Select(q => q.Queue))}.");
            var moved = await bus.RedriveAsync(queue, null, cancellationToken);
            if (moved == 0) output.Line($"Queue '{queue}' has no dead letters: nothing went back.");
            else output.Success($"{moved} dead letter(s) went back to '{queue}'.");
            return ExitCodes.Success;
        }

        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        var unknown = new List<string>();
        foreach (var id in distinct)
        {
            if (await bus.DeadLetterAsync(id, cancellationToken) is null) unknown.Add(id);
        }
        if (unknown.Count > 0)
            throw new CliException(
                $"No dead letter with id {string.Join(", ", unknown.Select(u => $"'{u}'"))} in '{workspace.Environment}', so nothing was redriven: run ./mosaic bus dlq list {settings.Selector(workspace)} to see the ids (a redriven letter is no longer there).");

        var count = await bus.RedriveAsync(null, distinct, cancellationToken);
        output.Success($"{count} dead letter(s) went back to their queue.");
        return ExitCodes.Success;
    }
}
