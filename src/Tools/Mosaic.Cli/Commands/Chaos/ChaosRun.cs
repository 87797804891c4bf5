using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.Chaos;
using Mosaic.Cli.Chaos.Invariants;
using Mosaic.Cli.Chaos.Recovery;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Bus;
using Mosaic.Cli.Commands.Load;
using Mosaic.Cli.Load;
using Mosaic.Cli.Load.Reports;
using Mosaic.Cli.Load.Sampling;
using Mosaic.Cli.Load.Scenarios;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Cli.ServiceAccess;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Commands.Chaos;

/// <summary>
/// One experiment end to end: prepare the shop, start the load, inject the fault at its time (and end it),
/// let the load finish, wait for the system to settle, collect the evidence, judge the invariants, and write
/// chaos.json, chaos.md and the load's report files.
/// </summary>
public static class ChaosRun
{
    public static async Task<ChaosReport> RunAsync(MosaicWorkspace workspace, CliContext context, ChaosRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var output = context.Output;
        var manifest = workspace.LoadManifest();
        using var http = new LoadHttp(request.Connections);
        using var services = new ServiceApiClient(workspace, manifest, TimeSpan.FromSeconds(30));
        var target = new ChaosTarget(workspace, manifest, services);
        var experiment = request.Experiment;
        target.Running(); // fails with a sentence before anything is sent when up is not running
        output.Line($"Experiment: {experiment.Title}");
        output.Line($"Hypothesis: {experiment.Hypothesis}");

        var view = new LoadProgressView(output);
        var fixture = await LoadCommand.PrepareAsync(workspace, context, http, request.Gateway, request.Scenario, view, cancellationToken);
        var busSettings = BusSettings.For(workspace, context);
        var queuesBefore = await QueuesAsync(workspace, busSettings, cancellationToken);

        var session = new LoadSession(http.Gateway, fixture, request.Scenario, new SystemSampler(http.Management, manifest, workspace.RunFilePath), request.MaxInFlight);
        var profile = RateProfile.Constant(request.Rate, request.Duration);
        var actions = new List<ChaosAction>();
        var startedAt = DateTimeOffset.UtcNow;
        long began = 0;
        double Now() => Math.Round(Stopwatch.GetElapsedTime(began).TotalSeconds, 2);

        var (result, faultStart, faultEnd) = await view.ShowAsync($"Load at {request.Rate:0.#}/s for {LoadDuration.Format(request.Duration)}; {experiment.Title} at {LoadDuration.Format(request.FaultAt)}", async () =>
        {
            var load = session.RunAsync(profile, view, cancellationToken);
            // Fault times count from the load's own time zero, which its per-second figures use too.
            if (await Task.WhenAny(session.Started, load) == load) await load; // it failed before it began
            began = await session.Started;
            var wait = request.FaultAt - Stopwatch.GetElapsedTime(began);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancellationToken);
            var start = Now();
            actions.Add(new ChaosAction(start, await experiment.InjectAsync(target, cancellationToken)));
            var end = start;
            if (experiment.LastsForDuration)
            {
                try
                {
                    await Task.Delay(request.FaultDuration, cancellationToken);
                }
                finally
                {
                    // A fault is always ended, even when the run is stopped early.
                    end = Now();
                    actions.Add(new ChaosAction(end, await experiment.EndAsync(target, CancellationToken.None)));
                }
            }
            return (await load, start, end);
        });
        actions.Add(new ChaosAction(Now(), "load finished"));
        foreach (var action in actions) output.Line($"  at {action.AtSecond.ToString("0.0", CultureInfo.InvariantCulture)} s: {action.What}");

        var placeOrder = result.Recorder.Endpoints.FirstOrDefault(e => e.Name == "place-order");
        var unanswered = placeOrder?.ErrorsByKind.Where(e => !e.Key.StartsWith("http-4", StringComparison.Ordinal)).Sum(e => e.Value) ?? 0;
        var evidence = await view.ShowAsync($"Waiting up to {request.Settle.TotalSeconds:0} s for every order to end, then checking the invariants",
            () => new EvidenceCollector(http.Gateway, http.Management, services, manifest, workspace.Environment).CollectAsync(
                fixture, result.PlacedOrders, unanswered, request.Settle, ct => QueuesAsync(workspace, busSettings, ct), queuesBefore, CancellationToken.None));
        var invariants = InvariantChecks.Judge(evidence);

        var load = LoadReportBuilder.Build(request.Scenario.Name, request.Gateway, startedAt, result, fixture.SetupRequests, evidence.Orders, null);
        var recovery = RecoveryAnalysis.Analyse(
            [.. result.Recorder.Seconds.Select((s, i) => new SecondSample(i, s.Sent, s.Failed, s.Latency))], faultStart, faultEnd);
        var until = recovery.SecondsAfterFaultBegan is { } r ? faultStart + r : double.MaxValue;
        var errors = result.Recorder.Seconds
            .Select((s, i) => (s, i))
            .Where(x => x.i >= Math.Floor(faultStart) && x.i < until)
            .SelectMany(x => x.s.ErrorsByKind)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        var report = new ChaosReport(experiment.Title, experiment.Hypothesis, actions, faultStart, faultEnd, recovery, errors, invariants, invariants.All(i => i.Held), load);

        await LoadCommand.WriteReportsAsync(load, request.OutputFolder);
        await File.WriteAllTextAsync(Path.Combine(request.OutputFolder, "chaos.json"), JsonSerializer.Serialize(report, CliJson.Indented), CancellationToken.None);
        var markdown = ChaosMarkdown.Render(report);
        await File.WriteAllTextAsync(Path.Combine(request.OutputFolder, "chaos.md"), markdown, CancellationToken.None);

        output.Line("");
        foreach (var line in markdown.TrimEnd().Split('\n').Skip(2)) output.Line(line);
        output.Line("");
        var files = $"Reports: {workspace.Display(request.OutputFolder)}/chaos.{{json,md}} and report.{{json,md,html}}.";
        if (report.InvariantsHeld) output.Success(files);
        else output.Failure($"{invariants.Count(i => !i.Held)} invariant(s) did not hold after {experiment.Title}; {files}");
        return report;
    }

    private static async Task<IReadOnlyList<QueueStats>?> QueuesAsync(MosaicWorkspace workspace, BusSettings settings, CancellationToken cancellationToken)
    {
        await using var bus = BusAccess.OpenExisting(workspace, settings);
        return bus is null ? null : await bus.QueueStatsAsync(cancellationToken);
    }
}
