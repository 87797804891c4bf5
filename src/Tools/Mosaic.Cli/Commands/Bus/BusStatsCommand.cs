using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Messaging.Transport;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>
/// <c>mosaic bus stats</c>: each instance's outbox (from its <c>/info</c>) and each queue's depth (from the
/// transport). Exit 0 whenever it could look, even at an empty or missing bus: it reports, it does not judge.
/// </summary>
public static class BusStatsCommand
{
    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var profile = BusSettings.ProfileOption();
        var json = new Option<bool>("--json") { Description = "Print the numbers as JSON instead of tables." };
        var command = new Command("stats", "Show each service's outbox backlog and each queue's ready, in-flight and dead-lettered messages.")
        {
            environment,
            profile,
            json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            return RunAsync(workspace, BusSettings.For(workspace, context, parse.GetValue(profile)), context.Output, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, BusSettings settings, ConsoleOutput output, bool asJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var manifest = workspace.LoadManifest();

        IReadOnlyList<InstanceMessaging> services;
        using (var http = new HttpClient { Timeout = HttpReadinessProbe.Timeout })
            services = await new MessagingProbe(http).ProbeAsync(manifest, workspace.Environment, cancellationToken);

        IReadOnlyList<QueueStats>? queues = null;
        string location = settings.EmbeddedPath, shownLocation = workspace.Display(settings.EmbeddedPath);
        await using (var bus = BusAccess.OpenExisting(workspace, settings))
        {
            if (bus is not null)
            {
                queues = await bus.QueueStatsAsync(cancellationToken);
                (location, shownLocation) = (bus.Location, bus.ShownLocation);
            }
        }

        if (asJson)
        {
            output.Line(JsonSerializer.Serialize(new
            {
                environment = workspace.Environment,
                transport = settings.Transport,
                bus = location,
                busExists = queues is not null,
                services,
                queues = (queues ?? []).Select(q => new
                {
                    queue = q.Queue,
                    ready = q.Ready,
                    inFlight = q.InFlight,
                    deadLettered = q.DeadLettered,
                    oldestReadyAgeSeconds = q.OldestReadyAge is { } age ? Math.Round(age.TotalSeconds, 3) : (double?)null,
                }),
            }, CliJson.Indented));
            return ExitCodes.Success;
        }

        output.Line($"Services in '{workspace.Environment}':");
        output.Write(ServiceTable(services));
        if (queues is null)
        {
            output.Warning(BusAccess.NoBus(workspace, settings, "there are no queues to show"));
            return ExitCodes.Success;
        }

        output.Line($"Queues on the {settings.Transport} bus ({shownLocation}):");
        if (queues.Count == 0)
        {
            output.Line("No queue has been declared yet: queues appear when the services that consume them start.");
            return ExitCodes.Success;
        }
        output.Write(QueueTable(queues));
        var dead = queues.Where(q => q.DeadLettered > 0).ToList();
        if (dead.Count > 0)
            output.Warning($"{dead.Sum(q => q.DeadLettered)} dead letter(s) in {string.Join(", ", dead.Select(q => $"'{q.Queue}'"))}: see ./mosaic bus dlq list {settings.Selector(workspace)}.");
        else
            output.Success("No dead letters.");
        return ExitCodes.Success;
    }

    private static Table ServiceTable(IEnumerable<InstanceMessaging> services)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("service", "instance", "state", "transport", "queue", "outbox backlog", "oldest unsent");
        table.Columns[5].RightAligned();
        table.Columns[6].RightAligned();
        foreach (var s in services)
        {
            table.AddRow(
                Markup.Escape(s.Service),
                Markup.Escape(s.Id),
                s.State switch
                {
                    MessagingState.Running => "[green]running[/]",
                    MessagingState.NoMessaging => "running, no bus",
                    MessagingState.OtherEnvironment => "[yellow]other environment[/]",
                    MessagingState.NotAnswering => "[yellow]not answering[/]",
                    _ => "[red]not running[/]",
                },
                Markup.Escape(s.Transport ?? "-"),
                Markup.Escape(s.Queue ?? "-"),
                s.OutboxBacklog?.ToString(CultureInfo.InvariantCulture) ?? "-",
                s.OutboxBacklog is > 0 && s.OutboxOldestAgeSeconds is { } age ? BusText.Age(TimeSpan.FromSeconds(age)) : "-");
        }
        return table;
    }

    private static Table QueueTable(IEnumerable<QueueStats> queues)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("queue", "ready", "in flight", "dead-lettered", "oldest ready");
        for (var i = 1; i < 5; i++) table.Columns[i].RightAligned();
        foreach (var q in queues)
        {
            table.AddRow(
                Markup.Escape(q.Queue),
                q.Ready.ToString(CultureInfo.InvariantCulture),
                q.InFlight?.ToString(CultureInfo.InvariantCulture) ?? "-",
                q.DeadLettered > 0 ? $"[red]{q.DeadLettered.ToString(CultureInfo.InvariantCulture)}[/]" : "0",
                BusText.Age(q.OldestReadyAge));
        }
        return table;
    }
}
