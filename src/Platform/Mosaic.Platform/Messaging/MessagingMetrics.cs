using System.Diagnostics.Metrics;
using Mosaic.Platform.Messaging.Outbox;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// Messaging as <c>/metrics</c> shows it: events published, consumed, retried, dead-lettered and
/// skipped as duplicates per event type; handler duration; the time from publish to handled; and
/// the outbox backlog with the age of its oldest row.
/// </summary>
public sealed class MessagingMetrics : IDisposable
{
    public const string MeterName = "Mosaic.Messaging";

    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> published;
    private readonly Counter<long> consumed;
    private readonly Counter<long> retried;
    private readonly Counter<long> deadLettered;
    private readonly Counter<long> duplicates;
    private readonly Histogram<double> handlerDuration;
    private readonly Histogram<double> endToEnd;

    public MessagingMetrics(OutboxStatistics outbox, TimeProvider time)
    {
        published = meter.CreateCounter<long>("mosaic.messaging.published", description: "Events the transport confirmed, by event type.");
        consumed = meter.CreateCounter<long>("mosaic.messaging.consumed", description: "Events handled and committed, by event type.");
        retried = meter.CreateCounter<long>("mosaic.messaging.retried", description: "Handler failures that will be retried, by event type.");
        deadLettered = meter.CreateCounter<long>("mosaic.messaging.dead_lettered", description: "Messages sent to the dead letters, by event type and reason.");
        duplicates = meter.CreateCounter<long>("mosaic.messaging.duplicates_skipped", description: "Redelivered messages the inbox had already handled, by event type.");
        handlerDuration = meter.CreateHistogram("mosaic.messaging.handler.duration", unit: "s",
            description: "Time to run a handler and commit its effect, by event type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        endToEnd = meter.CreateHistogram("mosaic.messaging.publish_to_handle", unit: "s",
            description: "Time from the event's publication to its handler's commit, by event type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        meter.CreateObservableGauge("mosaic.messaging.outbox.backlog", () => outbox.Backlog,
            description: "Events committed and not yet confirmed by the transport.");
        meter.CreateObservableGauge("mosaic.messaging.outbox.oldest_age", () => outbox.OldestAge(time.GetUtcNow()).TotalSeconds, unit: "s",
            description: "Age of the oldest event waiting in the outbox.");
    }

    internal void Published(string routingKey, int count) => published.Add(count, Tag(routingKey));

    internal void Consumed(string routingKey, TimeSpan handling, TimeSpan sincePublished)
    {
        consumed.Add(1, Tag(routingKey));
        handlerDuration.Record(handling.TotalSeconds, Tag(routingKey));
        endToEnd.Record(Math.Max(0, sincePublished.TotalSeconds), Tag(routingKey));
    }

    internal void Retried(string routingKey) => retried.Add(1, Tag(routingKey));

    internal void DeadLettered(string routingKey, string reason) =>
        deadLettered.Add(1, Tag(routingKey), new KeyValuePair<string, object?>("reason", reason));

    internal void DuplicateSkipped(string routingKey) => duplicates.Add(1, Tag(routingKey));

    public void Dispose() => meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string routingKey) => new("event_type", routingKey);
}
