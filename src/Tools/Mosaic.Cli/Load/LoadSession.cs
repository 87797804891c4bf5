using System.Diagnostics;
using Mosaic.Cli.Load.Recording;
using Mosaic.Cli.Load.Sampling;
using Mosaic.Cli.Load.Scenarios;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Cli.Load.Shop;

namespace Mosaic.Cli.Load;

/// <summary>
/// Runs one rate profile of a scenario against a prepared shop: the open-model generator, the
/// recorder, a reading of every service's CPU and request time at each phase boundary, and a progress
/// report every second.
/// </summary>
public sealed class LoadSession(HttpClient http, ShopFixture fixture, Scenario scenario, SystemSampler? sampler, int maxInFlight)
{
    /// <param name="continueAfterPhase">
    /// Asked a second after each phase but the last ends (its late answers mostly in) with the recorder and the
    /// phase's index; false ends the run there. A knee search stops climbing this way.
    /// </param>
    private readonly TaskCompletionSource<long> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the <see cref="Stopwatch"/> timestamp of the run's time zero, once the first reading is taken and sending begins.</summary>
    public Task<long> Started => _started.Task;

    public async Task<LoadRunResult> RunAsync(
        RateProfile profile, IProgress<LoadProgress>? progress, CancellationToken cancellationToken, Func<LoadRecorder, int, bool>? continueAfterPhase = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var recorder = new LoadRecorder([.. scenario.Requests.Select(r => r.Name)], profile.Duration);
        var traffic = new ShopTraffic(http, fixture, scenario, recorder);
        var runner = new OpenModelRunner(profile, traffic, maxInFlight);

        var readings = new List<IReadOnlyDictionary<string, ServiceReading>>();
        var readingTimes = new List<long>();
        if (sampler is not null)
        {
            readings.Add(await sampler.ReadAsync(cancellationToken));
            readingTimes.Add(Stopwatch.GetTimestamp());
        }

        var started = Stopwatch.GetTimestamp();
        recorder.StartAt(started);
        _started.TrySetResult(started);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var phasesRun = profile.Phases.Count;
        Func<LoadRecorder, int, bool>? check = continueAfterPhase is null ? null : (r, phase) =>
        {
            if (continueAfterPhase(r, phase)) return true;
            phasesRun = phase + 1; // the next phase had only begun when the check ran: it is left out of the phases
            stopping.Cancel();
            return false;
        };
        var watcher = WatchAsync(runner, recorder, profile, readings, readingTimes, progress, check, watching.Token);
        long unfinished;
        try
        {
            unfinished = await runner.RunAsync(LoadLimits.RequestTimeout + TimeSpan.FromSeconds(1), stopping.Token);
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (sampler is not null)
        {
            readings.Add(await sampler.ReadAsync(CancellationToken.None));
            readingTimes.Add(Stopwatch.GetTimestamp());
        }

        var phaseLoads = new List<IReadOnlyDictionary<string, ServiceLoad>>();
        for (var i = 1; i < readings.Count; i++)
        {
            var span = Stopwatch.GetElapsedTime(readingTimes[i - 1], readingTimes[i]);
            phaseLoads.Add(readings[i].ToDictionary(
                r => r.Key,
                r => ServiceLoad.Between(readings[i - 1].TryGetValue(r.Key, out var before) ? before : new ServiceReading(r.Key, 0, 0, 0, 0, 0), r.Value, span),
                StringComparer.Ordinal));
        }
        var ran = phasesRun < profile.Phases.Count ? new RateProfile([.. profile.Phases.Take(phasesRun)]) : profile;
        return new LoadRunResult(ran, recorder, runner.Due, runner.Started, runner.Dropped, unfinished, elapsed, phaseLoads,
            traffic.PlacedOrders, cancellationToken.IsCancellationRequested);
    }

    /// <summary>Once a second: progress; at each phase boundary but the last: a reading of the services.</summary>
    private async Task WatchAsync(
        OpenModelRunner runner, LoadRecorder recorder, RateProfile profile,
        List<IReadOnlyDictionary<string, ServiceReading>> readings, List<long> readingTimes,
        IProgress<LoadProgress>? progress, Func<LoadRecorder, int, bool>? continueAfterPhase, CancellationToken stop)
    {
        var boundaries = Enumerable.Range(1, profile.Phases.Count - 1).Select(profile.StartOf).ToList();
        var nextBoundary = 0;
        int? ended = null;
        var began = Stopwatch.GetTimestamp();
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stop))
            {
                var elapsed = Stopwatch.GetElapsedTime(began);
                if (ended is { } phase)
                {
                    ended = null;
                    if (continueAfterPhase is not null && !continueAfterPhase(recorder, phase)) continue;
                }
                if (nextBoundary < boundaries.Count && elapsed >= boundaries[nextBoundary])
                {
                    ended = nextBoundary;
                    nextBoundary++;
                    if (sampler is not null)
                    {
                        readings.Add(await sampler.ReadAsync(stop));
                        readingTimes.Add(Stopwatch.GetTimestamp());
                    }
                }
                if (progress is null) continue;
                var endpoints = recorder.Endpoints;
                var sofar = recorder.AllLatencies();
                progress.Report(new LoadProgress(
                    elapsed, profile.Duration, profile.RateAt(elapsed), runner.Due, runner.Started,
                    endpoints.Sum(e => e.Succeeded), endpoints.Sum(e => e.Failed), runner.Dropped, runner.InFlight,
                    sofar.PercentileMicros(99) / 1000.0));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // the run ended
        }
    }
}
