namespace Mosaic.Cli.Load.Reports;

/// <summary>
/// What <c>mosaic load</c> writes as <c>report.json</c> (and renders as Markdown and HTML). Rates are per
/// second of the measured span; latencies in milliseconds from each request's due time; only
/// successful requests are in the latency figures, errors are counted by kind.
/// </summary>
public sealed record LoadReport(
    string Scenario,
    string Gateway,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    IReadOnlyList<PhaseReport> Phases,
    LoadTotals Totals,
    LatencySummary Latency,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyList<EndpointReport> Endpoints,
    IReadOnlyList<SecondReport> Seconds,
    OrdersReport? Orders,
    long SetupRequests,
    KneeReport? Knee,
    string Machine)
{
    /// <summary>The <c>--warmup</c> run before the measured one, if there was one: reported apart, in none of the other figures.</summary>
    public WarmupReport? Warmup { get; init; }
}

/// <summary>What the warm-up sent and how it went: the services and the generator warming up (JIT, pools, caches) show here, not in the run.</summary>
public sealed record WarmupReport(double Seconds, double Rate, long Sent, long Succeeded, long Failed, double P99);

/// <summary>
/// The run's counts. <see cref="Due"/>: starts the profile called for; <see cref="Sent"/>: starts made;
/// <see cref="Dropped"/>: due starts not made because the generator had <c>--max-in-flight</c> requests
/// outstanding; <see cref="Unfinished"/>: requests still without an answer when the run gave up waiting.
/// Offered rate is due/s, achieved rate (goodput) successful responses/s.
/// </summary>
public sealed record LoadTotals(
    long Due, long Sent, long Succeeded, long Failed, long Shed, long Dropped, long Unfinished,
    double OfferedRate, double SentRate, double AchievedRate, double ErrorRate);

public sealed record EndpointReport(string Name, long Sent, long Succeeded, long Failed, double ErrorRate, IReadOnlyDictionary<string, long> ErrorsByKind, LatencySummary Latency);

/// <summary>One second of the run, by due time: the latency-over-time chart.</summary>
public sealed record SecondReport(int Second, double OfferedRate, long Sent, long Succeeded, long Failed, long Dropped, double P50, double P99, double Max);

/// <summary>One phase of the profile (one step of a knee search), with each service's CPU and latency during it.</summary>
public sealed record PhaseReport(
    int Index, double StartRate, double EndRate, double DurationSeconds,
    long Sent, long Succeeded, long Failed, double AchievedRate, double ErrorRate, LatencySummary Latency,
    IReadOnlyList<ServicePhaseReport> Services);

public sealed record ServicePhaseReport(string Service, double CpuCores, double MeanLatencyMs, double RequestsPerSecond);

/// <summary>The orders the run placed, followed to the end: how they ended and how long that took (from the POST's due time).</summary>
public sealed record OrdersReport(long Accepted, long Confirmed, long Cancelled, long NotTerminal, IReadOnlyDictionary<string, long> CancelledBy, LatencySummary Completion);

/// <summary>What <c>--find-knee</c> found: the highest step that met the objective and the service that gave first.</summary>
public sealed record KneeReport(
    double SloP99Ms, double SloErrorRate, double? KneeRate, double? FirstFailingRate, string? FailedBecause,
    string? Bottleneck, string? BottleneckReason);
