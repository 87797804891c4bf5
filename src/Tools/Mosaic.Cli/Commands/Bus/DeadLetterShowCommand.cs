using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Bus;

/// <summary><c>mosaic bus dlq show ID</c>: one dead letter in full, its envelope pretty-printed and the whole error.</summary>
public static class DeadLetterShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("id") { Description = "The dead letter's id, as dlq list shows it." };
        var environment = SharedOptions.Environment();
        var profile = BusSettings.ProfileOption();
        var json = new Option<bool>("--json") { Description = "Print the dead letter as JSON." };
        var command = new Command("show", "Show one dead letter in full: where it was, how often it was tried, the whole error and the envelope.")
        {
            id,
            environment,
            profile,
            json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            return RunAsync(workspace, BusSettings.For(workspace, context, parse.GetValue(profile)), context.Output, parse.GetValue(id)!, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, BusSettings settings, ConsoleOutput output, string id, bool asJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        await using var bus = BusAccess.OpenExisting(workspace, settings);
        if (bus is null) throw new CliException(BusAccess.NoBus(workspace, settings, $"there is no dead letter '{id}'"));
        var letter = await bus.DeadLetterAsync(id, cancellationToken)
            ?? throw new CliException(
                $"There is no dead letter with id '{id}' in '{workspace.Environment}': run ./mosaic bus dlq list {settings.Selector(workspace)} to see the ids (a redriven letter is no longer there).");

        if (asJson)
        {
            output.Line(JsonSerializer.Serialize(new
            {
                id = letter.Id,
                queue = letter.Queue,
                eventType = letter.RoutingKey,
                messageId = letter.MessageId,
                attempts = letter.Attempts,
                deadLetteredAt = letter.DeadLetteredAt,
                error = letter.Error,
                envelope = BusText.BodyElement(letter.Body),
            }, CliJson.Indented));
            return ExitCodes.Success;
        }

        output.Line($"Dead letter {letter.Id}");
        output.Line($"  queue:          {letter.Queue}");
        output.Line($"  event type:     {letter.RoutingKey}");
        output.Line($"  message id:     {letter.MessageId}");
        output.Line($"  attempts:       {letter.Attempts.ToString(CultureInfo.InvariantCulture)}");
        output.Line($"  dead-lettered:  {BusText.Time(letter.DeadLetteredAt)}");
        output.Line("Error:");
        foreach (var line in Lines(letter.Error.Length == 0 ? "(none recorded)" : letter.Error)) output.Line("  " + line);
        output.Line("Envelope:");
        foreach (var line in Lines(BusText.PrettyBody(letter.Body))) output.Line("  " + line);
        output.Line($"Put it back on '{letter.Queue}' with ./mosaic bus dlq redrive {letter.Id} {settings.Selector(workspace)}.");
        return ExitCodes.Success;
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
