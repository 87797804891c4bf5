using System.Diagnostics;

namespace Mosaic.Platform.Tracing;

/// <summary>
/// Turns on W3C trace context for the process: requests continue an incoming
/// <c>traceparent</c>, and outgoing HTTP calls and messages carry the current one.
/// </summary>
public static class TracingSetup
{
    public const string SourceName = "Mosaic";

    /// <summary>Spans the platform itself starts (message handling, outbox relay, forwarding).</summary>
    public static readonly ActivitySource Source = new(SourceName);

    private static ActivityListener? listener;

    internal static void EnsureStarted()
    {
        if (listener is not null) return;
        Activity.DefaultIdFormat = ActivityIdFormat.W3C;
        Activity.ForceDefaultIdFormat = true;
        var created = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "System.Net.Http" || source.Name.StartsWith(SourceName, StringComparison.Ordinal),
            // Trace ids must flow (logs, headers, messages), but nothing exports spans yet: ask only for
            // propagation, so the framework does not fill every request's span with tags nobody reads.
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        if (Interlocked.CompareExchange(ref listener, created, null) is null) ActivitySource.AddActivityListener(created);
        else created.Dispose();
    }
}
