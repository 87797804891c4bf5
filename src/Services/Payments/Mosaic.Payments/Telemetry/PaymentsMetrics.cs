using System.Diagnostics.Metrics;

namespace Mosaic.Payments.Telemetry;

/// <summary>
/// Payments as <c>/metrics</c> shows it: charges by outcome, refunds, every call to the provider with
/// its duration and result, and the circuit breaker's state changes.
/// </summary>
public sealed class PaymentsMetrics : IDisposable
{
    public const string MeterName = "Mosaic.Payments";

    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> charges;
    private readonly Counter<long> refunds;
    private readonly Histogram<double> providerDuration;
    private readonly Counter<long> breakerTransitions;
    private int breakerOpen;

    public PaymentsMetrics()
    {
        charges = meter.CreateCounter<long>("mosaic.payments.charges",
            description: "Charges asked of the provider, by outcome (succeeded, declined, failed).");
        refunds = meter.CreateCounter<long>("mosaic.payments.refunds",
            description: "Charges given back because their order was cancelled.");
        providerDuration = meter.CreateHistogram("mosaic.payments.provider.duration", unit: "s",
            description: "Each attempt of a call to the payment provider, by operation and result (status code, timeout or error).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        breakerTransitions = meter.CreateCounter<long>("mosaic.payments.provider.breaker_transitions",
            description: "Changes of the provider circuit breaker's state, by the state entered (open, half-open, closed).");
        meter.CreateObservableGauge("mosaic.payments.provider.breaker_open", () => Volatile.Read(ref breakerOpen),
            description: "1 while the provider circuit breaker is open or half-open and calls fail fast, else 0.");
    }

    public void Charged(string outcome) => charges.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refunded() => refunds.Add(1);

    public void ProviderCall(string operation, string result, TimeSpan duration) =>
        providerDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("result", result));

    public void BreakerEntered(string state)
    {
        Volatile.Write(ref breakerOpen, state == "closed" ? 0 : 1);
        breakerTransitions.Add(1, new KeyValuePair<string, object?>("state", state));
    }

    public void Dispose() => meter.Dispose();
}
