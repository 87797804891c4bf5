using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Slices;
using Mosaic.Cli.Supervisor;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env drift</c>: whether every instance runs the configuration the repository renders for it now.</summary>
internal static class EnvDriftCommand
{
    private const string InSync = "in sync";

    public static Command Create(CliContext context)
    {
        var environment = EnvOptions.Environment("The environment the running instances belong to (mosaic up --environment).");
        var config = new Option<string?>("--config")
        {
            Description = "The environment of environments/ they should run (as mosaic up --config; default: the --environment's own file there, else dev).",
        };
        var command = new Command("drift", "Compare each instance's configVersion (from /info) with the version the repository renders for its service; exit 1 on any drift or unreachable instance.")
        {
            environment,
            config,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse.GetValue(environment)!, parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string environment, string? requestedConfig, CancellationToken cancellationToken)
    {
        var workspace = context.Workspace(environment);
        var configuration = Up.UpConfiguration.Choose(workspace, requestedConfig);
        var manifest = workspace.LoadManifest();
        using var http = new HttpClient { Timeout = HttpReadinessProbe.Timeout };
        var probe = new ConfigVersionProbe(http);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("instance", "repository", "running", "state");
        var drifted = 0;
        foreach (var service in manifest.StartOrder())
        {
            var expected = EnvironmentSlices.Version(workspace.Root, configuration, service.Name, context.EnvironmentVariable);
            var running = await Task.WhenAll(service.AllInstances().Select(i => probe.ReadAsync(i, cancellationToken)));
            foreach (var (instance, config) in service.AllInstances().Zip(running))
            {
                var state = State(config, environment, expected);
                if (state != InSync) drifted++;
                table.AddRow(Markup.Escape(instance.Id), expected, Markup.Escape(config.ConfigVersion ?? "-"), state == InSync ? $"[green]{state}[/]" : $"[red]{Markup.Escape(state)}[/]");
            }
        }
        context.Output.Write(table);
        if (drifted == 0)
        {
            context.Output.Success($"every instance of '{environment}' runs the configuration '{configuration}' renders now.");
            return ExitCodes.Success;
        }
        context.Output.Failure($"{drifted} instance(s) of '{environment}' do not run the configuration '{configuration}' renders now: see why in their logs (a change they rejected is logged), or start them again with ./mosaic up --environment {environment}.");
        return ExitCodes.Failure;
    }

    private static string State(RunningConfig config, string environment, string expected) => config switch
    {
        { Reachable: false } => "unreachable",
        { Environment: var other } when other != environment => $"other environment ({other ?? "unknown"})",
        { ConfigVersion: null } => "no configVersion in /info",
        { ConfigVersion: var version } when version != expected => "drift",
        _ => InSync,
    };
}
