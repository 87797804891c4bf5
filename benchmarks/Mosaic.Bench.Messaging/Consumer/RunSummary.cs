using Mosaic.Bench.Messaging.Reporting;
using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Bench.Messaging.Consumer;

/// <summary>
/// What the consumer saw of one run. <see cref="Distinct"/> below <see cref="Handled"/> would mean an
/// event took effect twice (the inbox should make that impossible).
/// </summary>
public sealed record RunSummary(
    string Run,
    long Handled,
    long Distinct,
    long MeasuredHandled,
    long CommittedInWindow,
    double WindowSeconds,
    double HandledPerSecondInWindow,
    long? FirstCommittedUnixMs,
    long? LastCommittedUnixMs,
    LatencySummary PublishToHandle,
    LatencySummary ScheduleToHandle)
{
    /// <summary>Summarizes <paramref name="run"/>; the window is the publisher's measured stretch, in Unix milliseconds.</summary>
    internal static RunSummary Of(string run, IReadOnlyList<HandledEntry> entries, long? fromUnixMs, long? toUnixMs)
    {
        var fromPublish = new LatencyHistogram();
        var fromSchedule = new LatencyHistogram();
        var seen = new HashSet<long>();
        long measured = 0, inWindow = 0;
        long? first = null, last = null;
        foreach (var entry in entries)
        {
            seen.Add(entry.Seq);
            first = first is null ? entry.CommittedAtUnixMs : Math.Min(first.Value, entry.CommittedAtUnixMs);
            last = last is null ? entry.CommittedAtUnixMs : Math.Max(last.Value, entry.CommittedAtUnixMs);
            if (fromUnixMs is not null && toUnixMs is not null && entry.CommittedAtUnixMs >= fromUnixMs && entry.CommittedAtUnixMs < toUnixMs) inWindow++;
            if (!entry.Measured) continue;
            measured++;
            fromPublish.Record(entry.FromPublishMicros);
            fromSchedule.Record(entry.FromScheduleMicros);
        }
        var windowSeconds = fromUnixMs is not null && toUnixMs is not null ? (toUnixMs.Value - fromUnixMs.Value) / 1000.0 : 0;
        return new RunSummary(
            run,
            entries.Count,
            seen.Count,
            measured,
            inWindow,
            windowSeconds,
            windowSeconds > 0 ? Math.Round(inWindow / windowSeconds, 1) : 0,
            first,
            last,
            LatencySummary.From(fromPublish),
            LatencySummary.From(fromSchedule));
    }
}
