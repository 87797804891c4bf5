using System.CommandLine;
using System.Diagnostics;
using Mosaic.Cli.Build;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Pki;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Up;

/// <summary><c>mosaic up</c>: build once, start every instance in dependency order, keep them running, stop them in order.</summary>
public static class UpCommand
{
    public const string GatewayService = "gateway";

    public static Command Create(CliContext context)
    {
        var noBuild = new Option<bool>("--no-build") { Description = "Start what was built last instead of building first." };
        var environment = SharedOptions.Environment();
        var profile = RunProfile.Option();
        var config = new Option<string?>("--config")
        {
            Description = "The environment of environments/ whose values and secrets the services get (default: the --environment's own file there, else dev).",
        };
        var ports = new ServerPortOptions();
        var command = new Command("up", "Build the services, start every instance as its own process, and keep them running until Ctrl+C.")
        {
            noBuild,
            environment,
            profile,
            config,
        };
        ports.AddTo(command);
        command.SetAction((parse, _) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            Func<ProductionProfile>? production = parse.GetValue(profile) == RunProfile.Production
                ? () => ProductionProfile.Plan(workspace, context.EnvironmentVariable, ServerSoftware.Detect(), parse.GetValue(ports.Postgres), parse.GetValue(ports.RabbitMq), ports.ManagementAsked(parse))
                : null;
            return RunAsync(workspace, context.Output, !parse.GetValue(noBuild), new SupervisorOptions(), production,
                () => UpConfiguration.Prepare(workspace, workspace.LoadManifest(), context.Output, parse.GetValue(config), context.EnvironmentVariable));
        });
        return command;
    }

    /// <param name="production">Plans the production profile; null runs the embedded one.</param>
    /// <param name="configuration">Validates and renders the services' configuration; null gives them none.</param>
    public static async Task<int> RunAsync(
        MosaicWorkspace workspace, ConsoleOutput output, bool build, SupervisorOptions options,
        Func<ProductionProfile>? production = null, Func<UpConfiguration?>? configuration = null)
    {
        var manifest = workspace.LoadManifest();
        EnsureNotRunning(workspace);
        var conflicts = PortCheck.FindConflicts(manifest);
        if (conflicts.Count > 0)
        {
            if (RunningElsewhere(workspace) is { } other)
                throw new CliException($"Port {conflicts[0].Port} ({conflicts[0].Instance.Id} {conflicts[0].Listener}) is in use, most likely by mosaic up for '{other.Environment}' (pid {other.Up.Pid}): stop it with ./mosaic down --environment {other.Environment} first.");
            foreach (var conflict in conflicts.Skip(1)) output.Failure(conflict.Sentence);
            throw new CliException(conflicts[0].Sentence);
        }
        // Decided before anything is recorded, built or started: a missing server fails at once.
        var profile = production?.Invoke();

        // Registered before anything is recorded or started, so Ctrl+C or `down` at any later moment stops cleanly.
        using var signals = new StopSignals();
        // Recorded before the build, so `down` can stop this up and a second up is refused from here on.
        var self = ProcessIdentity.Current();
        var record = new RunRecord(workspace.Environment, self, [], profile is null ? RunProfile.Embedded : RunProfile.Production);
        RunFile.Write(workspace.RunFilePath, record);
        try
        {
            try
            {
                if (build && !await BuildAsync(workspace, manifest, output, signals.Stopping)) return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
            {
                output.Line("Stopped during the build; nothing was started.");
                return ExitCodes.Success;
            }
            if (signals.Stopping.IsCancellationRequested) return ExitCodes.Success;
            foreach (var service in manifest.Services.Values)
                if (!File.Exists(workspace.AssemblyPath(service)))
                    throw new CliException($"{service.Name} is not built ({workspace.Display(workspace.AssemblyPath(service))} is missing): run ./mosaic up without --no-build.");

            // Checked before any server or service starts: a bad value stops here, with its file and line.
            using var config = configuration?.Invoke();
            using var certificates = UpCertificates.Start(new EnvironmentPki(workspace, manifest, TimeProvider.System), output, EnvironmentPki.DefaultLifetime);
            Func<ServiceManifest, IReadOnlyDictionary<string, string>> variables = _ => new Dictionary<string, string>();
            if (profile is not null)
            {
                try
                {
                    variables = await profile.StartAsync(manifest, output,
                        started => RunFile.Write(workspace.RunFilePath, record = record with { StartedServers = started }), signals.Stopping);
                }
                catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
                {
                    output.Line("Stopped while the servers were starting; no service was started.");
                    return ExitCodes.Success;
                }
            }

            config?.Watch();
            var profileVariables = variables;
            return await RunSystemAsync(workspace, manifest, output, options, signals, record,
                service => config is null ? profileVariables(service) : profileVariables(service).Concat(config.VariablesFor(service)).ToDictionary());
        }
        finally
        {
            // After the services, which may be draining into the servers until they stop.
            if (profile is not null) await profile.StopStartedAsync(output);
            RunFile.Delete(workspace.RunFilePath);
        }
    }

    private static async Task<int> RunSystemAsync(
        MosaicWorkspace workspace, SystemManifest manifest, ConsoleOutput output, SupervisorOptions options, StopSignals signals,
        RunRecord record, Func<ServiceManifest, IReadOnlyDictionary<string, string>> variables)
    {
        Directory.CreateDirectory(workspace.LogDirectory);
        using var http = new HttpClient { Timeout = HttpReadinessProbe.Timeout };
        var reporter = new UpReporter(output, workspace);
        using var supervisor = new SystemSupervisor(
            manifest,
            instance => Launch(workspace, manifest.GetService(instance.Service), instance, variables(manifest.GetService(instance.Service))),
            new HttpReadinessProbe(http),
            reporter,
            options,
            instances => RunFile.Write(workspace.RunFilePath, record with { Instances = instances }));
        void KillNow()
        {
            output.Warning("Second stop signal: killing every instance now.");
            supervisor.KillAll();
        }
        signals.Forced += KillNow;

        try
        {
            var clock = Stopwatch.StartNew();
            var instances = supervisor.Instances.Select(i => i.Instance).ToList();
            output.Line($"Starting {instances.Count} instances of {manifest.Services.Count} services ({workspace.Environment}, {record.Profile} profile).");
            try
            {
                await reporter.ShowStartupAsync(instances, () => supervisor.StartAsync(signals.Stopping));
            }
            catch (StartupFailedException e)
            {
                output.Failure($"{e.Message}. Its last log lines:");
                reporter.ShowLines(e.LastLines, e.LogPath);
                output.Line("Stopping what was started.");
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
            {
                output.Line("Stopping before everything was ready.");
                return ExitCodes.Success;
            }

            ShowReady(output, workspace, manifest, instances.Count, clock.Elapsed);
            await supervisor.SuperviseAsync(signals.Stopping);
            output.Line("Stopping...");
            return ExitCodes.Success;
        }
        finally
        {
            await supervisor.StopAsync();
            signals.Forced -= KillNow;
            output.Line("Everything is stopped.");
        }
    }

    /// <summary>
    /// The process of one instance: its Release build, with its identity and state passed as environment
    /// variables, and the profile's (its database and broker) on top.
    /// </summary>
    public static LaunchSpec Launch(MosaicWorkspace workspace, ServiceManifest service, ServiceInstance instance, IReadOnlyDictionary<string, string>? profileVariables = null)
    {
        var environment = ServiceEnvironment.For(workspace, instance);
        foreach (var (name, value) in profileVariables ?? new Dictionary<string, string>()) environment[name] = value;
        // The content root is the build output, not the repository the process starts in: ASP.NET Core
        // watches its content root for configuration changes, and the repository holds .mosaic/, where
        // every service's database and log are written all the time.
        environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(workspace.AssemblyPath(service))!;
        return new LaunchSpec(DotnetHost.Path, [workspace.AssemblyPath(service)], environment, workspace.Root, workspace.LogPath(instance));
    }

    private static void EnsureNotRunning(MosaicWorkspace workspace)
    {
        var record = RunFile.Read(workspace.RunFilePath);
        if (record is null) return;
        if (record.Up.IsAlive)
            throw new CliException($"Mosaic is already running for '{workspace.Environment}' (mosaic up is pid {record.Up.Pid}): see it with ./mosaic status, or stop it with ./mosaic down.");
        var leftovers = record.Instances.Where(i => i.Process.IsAlive).ToList();
        if (leftovers.Count > 0)
            throw new CliException($"A mosaic up for '{workspace.Environment}' ended without stopping {string.Join(", ", leftovers.Select(i => $"{i.Id} (pid {i.Process.Pid})"))}: run ./mosaic down --environment {workspace.Environment} first.");
        RunFile.Delete(workspace.RunFilePath);
    }

    /// <summary>A live <c>up</c> of another environment of this checkout: every environment uses the manifest's ports.</summary>
    private static RunRecord? RunningElsewhere(MosaicWorkspace workspace)
    {
        var states = Path.GetDirectoryName(workspace.StateDirectory)!;
        if (!Directory.Exists(states)) return null;
        foreach (var folder in Directory.EnumerateDirectories(states))
        {
            var environment = Path.GetFileName(folder);
            if (environment == workspace.Environment) continue;
            var path = new MosaicWorkspace(workspace.Root, environment).RunFilePath;
            try
            {
                if (RunFile.Read(path) is { Up.IsAlive: true } record) return record;
            }
            catch (CliException)
            {
                // A damaged record of another environment says nothing about who holds the port.
            }
        }
        return null;
    }

    private static async Task<bool> BuildAsync(MosaicWorkspace workspace, SystemManifest manifest, ConsoleOutput output, CancellationToken cancellationToken)
    {
        var builder = new ServiceBuilder(workspace);
        var what = $"Building {manifest.Services.Count} services (Release)";
        BuildResult result;
        if (output.IsInteractive)
        {
            result = await output.Out.Status().Spinner(Spinner.Known.Dots)
                .StartAsync(what + "...", _ => builder.BuildAsync(manifest.Services.Values.ToList(), cancellationToken));
        }
        else
        {
            output.Line(what + "...");
            result = await builder.BuildAsync(manifest.Services.Values.ToList(), cancellationToken);
        }

        if (result.Succeeded)
        {
            output.Line(result.WasUpToDate
                ? "Nothing changed since the last build."
                : $"Built in {result.Took.TotalSeconds:0.0} s.");
            return true;
        }
        foreach (var error in result.Errors) output.Line(error);
        output.Failure($"The build failed: fix the errors above and run ./mosaic up again (full output: {workspace.Display(result.LogPath)}).");
        return false;
    }

    private static void ShowReady(ConsoleOutput output, MosaicWorkspace workspace, SystemManifest manifest, int instances, TimeSpan took)
    {
        output.Success($"All {instances} instances are ready ({took.TotalSeconds:0.0} s).");
        if (manifest.Services.TryGetValue(GatewayService, out var gateway))
            output.Markup($"Gateway: [bold]{Markup.Escape(gateway.Instance(0).ApiAddress.ToString().TrimEnd('/'))}[/]");
        output.Line($"Logs:    {workspace.Display(workspace.LogDirectory)}{Path.DirectorySeparatorChar}");
        output.Line($"Data:    {workspace.Display(workspace.StateDirectory)}{Path.DirectorySeparatorChar}");
        output.Line("Stop with Ctrl+C, or ./mosaic down from another terminal.");
    }
}
