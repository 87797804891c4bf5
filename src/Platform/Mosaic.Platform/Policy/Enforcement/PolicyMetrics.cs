using System.Diagnostics.Metrics;

namespace Mosaic.Platform.Policy.Enforcement;

/// <summary><c>mosaic_policy_decisions_total{source, target, decision, rule}</c>: every check this service made and its outcome.</summary>
public sealed class PolicyMetrics : IDisposable
{
    public const string MeterName = "Mosaic.Policy";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> decisions;

    public PolicyMetrics()
    {
        decisions = meter.CreateCounter<long>(
            "mosaic.policy.decisions",
            description: "Policy decisions by source, target (a service, or an event type for messages), decision (allow, deny, would-deny) and deciding rule.");
    }

    internal void Record(string source, string target, string decision, string rule) =>
        decisions.Add(
            1,
            new KeyValuePair<string, object?>("source", source),
            new KeyValuePair<string, object?>("target", target),
            new KeyValuePair<string, object?>("decision", decision),
            new KeyValuePair<string, object?>("rule", rule));

    public void Dispose() => meter.Dispose();
}
