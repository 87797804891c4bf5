using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Bus;

/// <summary><c>mosaic bus dlq list</c>: the newest dead letters, one line each. Exit 0 also when there are none.</summary>
public static class DeadLetterListCommand
{
    public const int DefaultLimit = 50;

    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var profile = BusSettings.ProfileOption();
        var queue = new Option<string?>("--queue", "-q") { Description = "Only this queue's dead letters.", HelpName = "queue" };
        var limit = new Option<int>("--limit", "-n")
        {
            Description = "Show at most this many, newest first.",
            DefaultValueFactory = _ => DefaultLimit,
            HelpName = "count",
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError("--limit needs a whole number of 1 or more.");
        });
        var json = new Option<bool>("--json") { Description = "Print the dead letters as JSON instead of a table." };
        var command = new Command("list", "List dead letters, newest first: id, queue, event type, attempts, when, and the first line of the error.")
        {
            environment,
            profile,
            queue,
            limit,
            json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            return RunAsync(workspace, BusSettings.For(workspace, context, parse.GetValue(profile)), context.Output,
                parse.GetValue(queue), parse.GetValue(limit), parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        MosaicWorkspace workspace, BusSettings settings, ConsoleOutput output, string? queue, int limit, bool asJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        await using var bus = BusAccess.OpenExisting(workspace, settings);
        if (bus is null)
        {
            if (asJson) output.Line("[]");
            else output.Warning(BusAccess.NoBus(workspace, settings, "there are no dead letters"));
            return ExitCodes.Success;
        }

        var letters = await bus.DeadLettersAsync(queue, limit, cancellationToken);
        if (asJson)
        {
            output.Line(JsonSerializer.Serialize(letters.Select(l => new
            {
                id = l.Id,
                queue = l.Queue,
                eventType = l.RoutingKey,
                messageId = l.MessageId,
                attempts = l.Attempts,
                deadLetteredAt = l.DeadLetteredAt,
                error = l.Error,
            }), CliJson.Indented));
            return ExitCodes.Success;
        }
        if (letters.Count == 0)
        {
            output.Success(queue is null ? $"No dead letters in '{workspace.Environment}'." : $"No dead letters in queue '{queue}'.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "queue", "event type", "attempts", "dead-lettered", "error");
        table.Columns[3].RightAligned();
        foreach (var l in letters)
        {
            table.AddRow(
                Markup.Escape(l.Id),
                Markup.Escape(l.Queue),
                Markup.Escape(l.RoutingKey),
                l.Attempts.ToString(CultureInfo.InvariantCulture),
                BusText.Time(l.DeadLetteredAt),
                Markup.Escape(BusText.FirstLine(l.Error)));
        }
        output.Write(table);
        var shown = letters.Count == limit ? $"The newest {limit} are shown (--limit to see more)" : $"{letters.Count} dead letter(s)";
        output.Line($"{shown}. See one in full with ./mosaic bus dlq show ID; put them back with ./mosaic bus dlq redrive.");
        return ExitCodes.Success;
    }
}
