using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Status;

/// <summary><c>mosaic status</c>: every instance of the manifest and whether it is ready. Exit 0 only when all are.</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var environment = SharedOptions.Environment();
        var json = new Option<bool>("--json") { Description = "Print the instances as JSON instead of a table." };
        var command = new Command("status", "Show every instance, its process and ports, and whether it is ready; exit 0 only when all are.")
        {
            environment,
            json,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context.Workspace(parse.GetValue(environment)!), context.Output, parse.GetValue(json), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, bool asJson, CancellationToken cancellationToken)
    {
        var manifest = workspace.LoadManifest();
        var running = RunFile.Read(workspace.RunFilePath);
        using var http = new HttpClient { Timeout = HttpReadinessProbe.Timeout };
        var instances = await new StatusProbe(http).ProbeAsync(manifest, workspace.Environment, running, cancellationToken);
        var ready = instances.Count(i => i.State == InstanceState.Ready);

        if (asJson)
        {
            output.Line(JsonSerializer.Serialize(instances, Json));
        }
        else
        {
            output.Write(Table(instances, workspace));
            var up = running is not null && running.Up.IsAlive ? $"mosaic up is running (pid {running.Up.Pid}, {running.Profile} profile)" : "mosaic up is not running";
            var summary = $"{ready} of {instances.Count} instances ready in '{workspace.Environment}'; {up}.";
            if (ready == instances.Count) output.Success(summary);
            else output.Warning(summary);
        }
        return ready == instances.Count ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static Table Table(IEnumerable<InstanceStatus> instances, MosaicWorkspace workspace)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("service", "instance", "pid", "API port", "mgmt port", "state", "version", "uptime", "database", "transport");
        foreach (var i in instances)
        {
            table.AddRow(
                Markup.Escape(i.Service),
                Markup.Escape(i.Id),
                i.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
                i.Port.ToString(CultureInfo.InvariantCulture),
                i.ManagementPort.ToString(CultureInfo.InvariantCulture),
                i.State switch
                {
                    InstanceState.Ready => "[green]ready[/]",
                    InstanceState.NotReady => "[yellow]not ready[/]",
                    InstanceState.OtherEnvironment => "[yellow]other environment[/]",
                    _ => "[red]down[/]",
                },
                Markup.Escape(i.Version ?? "-"),
                i.UptimeSeconds is { } seconds ? Uptime(TimeSpan.FromSeconds(seconds)) : "-",
                Markup.Escape(i.Database is { } database ? $"{database.Provider} {Where(database, workspace)}" : "-"),
                Markup.Escape(i.Transport ?? "-"));
        }
        return table;
    }

    /// <summary>A SQLite file inside the checkout is shown relative to it; a server as host:port/database.</summary>
    private static string Where(InstanceDatabase database, MosaicWorkspace workspace) =>
        Path.IsPathRooted(database.Location) ? workspace.Display(database.Location) : database.Location;

    private static string Uptime(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => $"{(int)span.TotalDays}d {span.Hours}h",
        { TotalHours: >= 1 } => $"{(int)span.TotalHours}h {span.Minutes}m",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes}m {span.Seconds}s",
        _ => $"{(int)span.TotalSeconds}s",
    };
}
