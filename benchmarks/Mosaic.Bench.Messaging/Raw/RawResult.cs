using Mosaic.Bench.Messaging.Reporting;

namespace Mosaic.Bench.Messaging.Raw;

/// <summary>
/// What one baseline run did. <see cref="PublishedPerSecond"/> counts confirms that arrived in the measured
/// stretch, <see cref="ConsumedPerSecondInWindow"/> acknowledgements sent in that same stretch (the end-to-end
/// rate). <see cref="PublishToHandle"/> runs from just before the publish call to just after the consumer's
/// acknowledgement, for the messages sent in the measured stretch; <see cref="ScheduleToHandle"/> from the
/// time the message was due (rate mode), so it also counts the publisher falling behind.
/// </summary>
public sealed record RawResult(
    string Broker,
    string Mode,
    double? Rate,
    int Window,
    int Prefetch,
    int PayloadBytes,
    int BodyBytes,
    double DurationSeconds,
    double WarmupSeconds,
    long Sent,
    long MeasuredSent,
    long Confirmed,
    long Failed,
    string? FirstError,
    bool Saturated,
    long Consumed,
    long Redelivered,
    double PublishedPerSecond,
    double ConsumedPerSecondInWindow,
    double DrainSeconds,
    LatencySummary Confirm,
    LatencySummary Lateness,
    LatencySummary PublishToHandle,
    LatencySummary ScheduleToHandle);
