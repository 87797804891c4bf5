using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Admin;
using Mosaic.Cli.Load;
using Mosaic.Cli.Load.Knee;
using Mosaic.Cli.Load.Recording;
using Mosaic.Cli.Load.Reports;
using Mosaic.Cli.Load.Sampling;
using Mosaic.Cli.Load.Scenarios;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Cli.Load.Shop;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Load;

/// <summary>
/// <c>mosaic load</c>: an open-model load run through the gateway of a running system, or with
/// <c>--find-knee</c> a climb of rate steps until the objective breaks; writes report.json, report.md
/// and report.html.
/// </summary>
public static class LoadCommand
{
    public static Command Create(CliContext context)
    {
        var options = new LoadOptions();
        var environment = SharedOptions.Environment();
        var rampTo = LoadOptions.RateOption("--ramp-to", "Ramp the rate linearly from --rate to this over --duration instead of holding it.", 0);
        rampTo.DefaultValueFactory = null;
        var phases = new Option<IReadOnlyList<RatePhase>?>("--phases")
        {
            Description = "Stepped or ramped load instead of --rate/--duration: RATE:TIME or FROM-TO:TIME, comma-separated, like 200:30s,400:30s or 100-800:60s.",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                var parsed = PhaseList.TryParse(text, out var error);
                if (parsed is null) result.AddError($"--phases {error}");
                return parsed;
            },
            HelpName = "phases",
        };
        var findKnee = new Option<bool>("--find-knee") { Description = "Step the rate up from --rate by --step every --step-duration until p99 or errors break the objective; report the highest rate that met it and the bottleneck service." };
        var step = LoadOptions.RateOption("--step", "With --find-knee: how much each step adds (default: --rate).", 100);
        step.DefaultValueFactory = null;
        var stepDuration = LoadOptions.DurationOption("--step-duration", "With --find-knee: how long each step lasts.", TimeSpan.FromSeconds(10));
        var maxRate = LoadOptions.RateOption("--max-rate", "With --find-knee: the highest step tried.", 3000);
        var sloP99 = new Option<double>("--slo-p99") { Description = "With --find-knee: the p99 bound of the objective, in ms.", DefaultValueFactory = _ => ServiceLevelObjective.Default.P99Ms, HelpName = "ms" };
        var sloErrors = new Option<double>("--slo-errors") { Description = "With --find-knee: the error rate the objective stays under (0.001 is 0.1%).", DefaultValueFactory = _ => ServiceLevelObjective.Default.ErrorRate, HelpName = "fraction" };
        var settle = new Option<int>("--settle") { Description = "Seconds to follow the placed orders to Confirmed or Cancelled after the run (0: not at all).", DefaultValueFactory = _ => 30, HelpName = "seconds" };
        var warmup = LoadOptions.DurationOption("--warmup", "Before the measured run, send at its first rate for this long, to warm up the services and this generator (JIT, pools, caches); reported apart and in none of the figures.", TimeSpan.Zero);
        var json = new Option<bool>("--json") { Description = "Print report.json on standard output instead of the summary." };
        sloP99.Validators.Add(r => { if (r.GetValueOrDefault<double>() is <= 0 or > 60_000) r.AddError("--slo-p99 needs milliseconds above 0 and at most 60000."); });
        sloErrors.Validators.Add(r => { if (r.GetValueOrDefault<double>() is <= 0 or > 1) r.AddError("--slo-errors needs a fraction above 0 and at most 1, like 0.001 for 0.1%."); });
        settle.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 600) r.AddError("--settle needs a whole number of seconds from 0 to 600."); });

        var command = new Command("load", "Send an open-model load (constant arrival rate) through the gateway and report latency percentiles, errors and rates.");
        options.AddTo(command);
        foreach (var option in new Option[] { rampTo, phases, findKnee, step, stepDuration, maxRate, sloP99, sloErrors, settle, warmup, json, environment }) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            var knee = result.GetValue(findKnee);
            if (!knee && (result.GetResult(step) is not null || result.GetResult(maxRate) is not null || result.GetResult(stepDuration) is not null))
                result.AddError("--step, --step-duration and --max-rate go with --find-knee.");
            if (knee && result.GetResult(rampTo) is not null) result.AddError("--ramp-to and --find-knee do not go together: the knee search makes its own steps.");
            if (result.GetResult(phases) is not null && (knee || result.GetResult(rampTo) is not null || result.GetResult(options.Rate) is not null || result.GetResult(options.Duration) is not null))
                result.AddError("--phases gives the rates and times itself: leave out --rate, --duration, --ramp-to and --find-knee.");
            if (knee && result.GetValue(maxRate) < result.GetValue(options.Rate)) result.AddError("--max-rate must be at least --rate.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            var scenario = options.LoadScenario(parse);
            var rate = parse.GetValue(options.Rate);
            var slo = new ServiceLevelObjective(parse.GetValue(sloP99), parse.GetValue(sloErrors));
            var knee = parse.GetValue(findKnee);
            RateProfile profile = knee
                ? KneeSteps.Profile(rate, parse.GetValue(step) is > 0 and var s ? s : rate, parse.GetValue(maxRate), parse.GetValue(stepDuration))
                : parse.GetValue(phases) is { } given
                    ? new RateProfile(given)
                : parse.GetResult(rampTo) is not null
                    ? new RateProfile([new RatePhase(rate, parse.GetValue(rampTo), parse.GetValue(options.Duration))])
                    : parse.GetResult(options.Rate) is null && scenario.Phases is { } fromFile
                        ? new RateProfile(fromFile)
                        : RateProfile.Constant(rate, parse.GetValue(options.Duration));
            var run = new LoadRequest(
                parse.GetValue(options.Gateway)!, scenario, profile, parse.GetValue(options.Connections), parse.GetValue(options.MaxInFlight),
                knee ? slo : null, TimeSpan.FromSeconds(parse.GetValue(settle)), OutputFolder(workspace, parse.GetValue(options.Output)))
            {
                Warmup = parse.GetValue(warmup),
            };
            var report = await RunAsync(workspace, context, run, cancellationToken);
            if (parse.GetValue(json)) context.Output.Line(JsonSerializer.Serialize(report, CliJson.Indented));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What one <c>mosaic load</c> is asked to do.</summary>
    public sealed record LoadRequest(Uri Gateway, Scenario Scenario, RateProfile Profile, int Connections, int MaxInFlight, ServiceLevelObjective? Knee, TimeSpan Settle, string OutputFolder)
    {
        /// <summary>How long to send at the profile's first rate before the measured run; zero for no warm-up.</summary>
        public TimeSpan Warmup { get; init; }
    }

    public static async Task<LoadReport> RunAsync(MosaicWorkspace workspace, CliContext context, LoadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var output = context.Output;
        var manifest = workspace.LoadManifest();
        using var http = new LoadHttp(request.Connections);
        var view = new LoadProgressView(output);
        var fixture = await PrepareAsync(workspace, context, http, request.Gateway, request.Scenario, view, cancellationToken);

        var warmup = request.Warmup > TimeSpan.Zero ? await WarmUpAsync(http, fixture, request, view, cancellationToken) : null;

        var sampler = new SystemSampler(http.Management, manifest, workspace.RunFilePath);
        var session = new LoadSession(http.Gateway, fixture, request.Scenario, sampler, request.MaxInFlight);
        var startedAt = DateTimeOffset.UtcNow;
        var title = request.Knee is null
            ? $"Sending '{request.Scenario.Name}' for {LoadDuration.Format(request.Profile.Duration)}"
            : $"Looking for the knee of '{request.Scenario.Name}': {request.Profile.Phases.Count} steps of {LoadDuration.Format(request.Profile.Phases[0].Duration)} from {request.Profile.Phases[0].StartRate:0.#}/s";
        var result = await view.ShowAsync(title, () => session.RunAsync(request.Profile, view, cancellationToken, request.Knee is { } slo ? KneeCheck(slo, request.Profile) : null));

        IReadOnlyList<SettledOrder>? orders = null;
        if (request.Settle > TimeSpan.Zero && result.PlacedOrders.Count > 0)
        {
            orders = await view.ShowAsync($"Following {result.PlacedOrders.Count} placed orders to the end (up to {request.Settle.TotalSeconds:0} s)",
                () => new OrderSettlement(http.Gateway, request.Gateway).SettleAsync(result.PlacedOrders, request.Settle, CancellationToken.None));
        }

        var phases = LoadReportBuilder.Phases(result);
        var knee = request.Knee is { } objective ? Knee(objective, phases) : null;
        var report = LoadReportBuilder.Build(request.Scenario.Name, request.Gateway, startedAt, result, fixture.SetupRequests, orders, knee) with { Warmup = warmup };
        var markdown = await WriteReportsAsync(report, request.OutputFolder);

        foreach (var line in markdown.TrimEnd().Split('\n')) output.Line(line);
        output.Line("");
        output.Success($"Reports: {workspace.Display(request.OutputFolder)}/report.{{json,md,html}}{(result.Cancelled ? " (the run was stopped early)" : "")}.");
        return report;
    }

    /// <summary>The scenario at the profile's first rate for the warm-up time, through the same connections and users; only its summary is kept.</summary>
    private static async Task<WarmupReport> WarmUpAsync(LoadHttp http, ShopFixture fixture, LoadRequest request, LoadProgressView view, CancellationToken cancellationToken)
    {
        var rate = request.Profile.Phases[0].StartRate;
        var profile = RateProfile.Constant(rate, request.Warmup);
        var session = new LoadSession(http.Gateway, fixture, request.Scenario, sampler: null, request.MaxInFlight);
        var result = await view.ShowAsync($"Warming up: '{request.Scenario.Name}' at {rate:0.#}/s for {LoadDuration.Format(request.Warmup)} (not measured)",
            () => session.RunAsync(profile, view, cancellationToken));
        var endpoints = result.Recorder.Endpoints;
        return new WarmupReport(request.Warmup.TotalSeconds, rate, result.Started, endpoints.Sum(e => e.Succeeded), endpoints.Sum(e => e.Failed),
            result.Recorder.AllLatencies().PercentileMicros(99) / 1000.0);
    }

    /// <summary>An admin account, the scenario's products and users, and the gateway connections opened: what a run needs before its first measured request.</summary>
    public static Task<ShopFixture> PrepareAsync(
        MosaicWorkspace workspace, CliContext context, LoadHttp http, Uri gateway, Scenario scenario, LoadProgressView view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(view);
        return view.ShowAsync("Preparing the shop", async () =>
        {
            var preparation = new ShopPreparation(http.Gateway, gateway, (email, password, ct) => AdminCommand.CreateQuietlyAsync(workspace, context, email, password, ct));
            var prepared = await preparation.PrepareAsync(scenario.Users, scenario.Products, null, cancellationToken);
            var warming = await http.WarmAsync(gateway, cancellationToken);
            return prepared with { SetupRequests = prepared.SetupRequests + warming };
        });
    }

    /// <summary>Writes report.json, report.md and report.html into <paramref name="folder"/>; returns the Markdown.</summary>
    public static async Task<string> WriteReportsAsync(LoadReport report, string folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, CliJson.Indented), CancellationToken.None);
        var markdown = MarkdownReport.Render(report);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), markdown, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.html"), HtmlReport.Render(report), CancellationToken.None);
        return markdown;
    }

    /// <summary>Stops the climb after the first step that breaks the objective.</summary>
    public static Func<LoadRecorder, int, bool> KneeCheck(ServiceLevelObjective slo, RateProfile profile) => (recorder, phase) =>
        slo.Breach(LoadReportBuilder.Phase(profile, recorder, phase, null)) is null;

    public static KneeReport Knee(ServiceLevelObjective slo, IReadOnlyList<PhaseReport> steps)
    {
        ArgumentNullException.ThrowIfNull(slo);
        ArgumentNullException.ThrowIfNull(steps);
        double? kneeRate = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var breach = slo.Breach(steps[i]);
            if (breach is null)
            {
                kneeRate = steps[i].StartRate;
                continue;
            }
            var bottleneck = BottleneckAnalysis.Find(steps, i);
            return new KneeReport(slo.P99Ms, slo.ErrorRate, kneeRate, steps[i].StartRate, breach, bottleneck?.Service, bottleneck?.Reason);
        }
        var last = BottleneckAnalysis.Find(steps, steps.Count - 1);
        return new KneeReport(slo.P99Ms, slo.ErrorRate, kneeRate, null, null, last?.Service, last is null ? null : "no step broke the objective; " + last.Value.Reason);
    }

    /// <summary>The folder given, or .mosaic/ENVIRONMENT/KIND/TIME.</summary>
    public static string OutputFolder(MosaicWorkspace workspace, string? given, string kind = "load") =>
        given is not null
            ? Path.GetFullPath(given)
            : Path.Combine(workspace.StateDirectory, kind, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
}
