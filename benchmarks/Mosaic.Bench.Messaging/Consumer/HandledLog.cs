using System.Collections.Concurrent;

namespace Mosaic.Bench.Messaging.Consumer;

/// <summary>
/// Every committed effect of every run, kept in memory (a 60 s run at a few thousand events/s is a few
/// megabytes), so the driver can ask afterwards for any window: throughput counts the effects
/// committed inside the publisher's measured window, latency takes the events published in it.
/// </summary>
public sealed class HandledLog
{
    private readonly ConcurrentDictionary<string, RunLog> runs = new(StringComparer.Ordinal);

    internal void Record(HandledEvent handled, DateTimeOffset committedAt)
    {
        var log = runs.GetOrAdd(handled.Run, _ => new RunLog());
        log.Add(new HandledEntry(
            handled.Seq,
            handled.Measured,
            committedAt.ToUnixTimeMilliseconds(),
            Micros(committedAt - handled.PublishedAt),
            Micros(committedAt - handled.ScheduledAt)));
    }

    internal IReadOnlyList<HandledEntry> Entries(string run) => runs.TryGetValue(run, out var log) ? log.Snapshot() : [];

    private static long Micros(TimeSpan span) => Math.Max(0, span.Ticks / 10);

    private sealed class RunLog
    {
        private readonly Lock gate = new();
        private readonly List<HandledEntry> entries = [];

        public void Add(HandledEntry entry)
        {
            lock (gate) entries.Add(entry);
        }

        public List<HandledEntry> Snapshot()
        {
            lock (gate) return [.. entries];
        }
    }
}

internal readonly record struct HandledEntry(long Seq, bool Measured, long CommittedAtUnixMs, long FromPublishMicros, long FromScheduleMicros);
