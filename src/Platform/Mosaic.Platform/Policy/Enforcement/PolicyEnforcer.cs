using Microsoft.Extensions.Logging;

namespace Mosaic.Platform.Policy.Enforcement;

/// <summary>
/// This service's enforcement of the policy, in one place for its three points: calls coming in,
/// calls going out and messages. Each check counts its decision and, on a denial, logs the source,
/// target, operation and deciding rule; in audit mode a denial is let through as "would deny".
/// </summary>
public sealed partial class PolicyEnforcer(SegmentationPolicy policy, string service, PolicyMetrics metrics, ILogger<PolicyEnforcer> logger)
{
    public string Service => service;

    public EnforcementMode Mode { get; } = policy.ModeOf(service);

    public SegmentationPolicy Policy => policy;

    /// <summary>May <paramref name="source"/> make this call to this service? False means refuse it.</summary>
    public bool AllowsInbound(string source, string method, string canonicalPath) =>
        Enforce(policy.DecideCall(source, service, method, canonicalPath), source, service, method, canonicalPath);

    /// <summary>May this service make this call to <paramref name="target"/>? False means refuse it before it leaves.</summary>
    public bool AllowsOutbound(string target, string method, string canonicalPath) =>
        Enforce(policy.DecideCall(service, target, method, canonicalPath), service, target, method, canonicalPath);

    /// <summary>May this service publish <paramref name="eventType"/> (no version)?</summary>
    public bool AllowsPublish(string eventType) =>
        Enforce(policy.DecidePublish(service, eventType), service, eventType, "publish", eventType);

    /// <summary>May this service consume <paramref name="eventType"/> at all (its declared subscriptions, at start)?</summary>
    public bool AllowsConsume(string eventType) =>
        Enforce(policy.DecideConsume(service, eventType), eventType, service, "consume", eventType);

    /// <summary>
    /// May this service take a delivered <paramref name="eventType"/> that says it comes from <paramref name="publisher"/>:
    /// may it consume the type, and may that publisher publish it? A message naming no publisher is refused.
    /// </summary>
    public bool AllowsDelivery(string eventType, string? publisher)
    {
        var decision = string.IsNullOrEmpty(publisher) ? new PolicyDecision(false, SegmentationPolicy.DefaultDeny) : policy.DecidePublish(publisher, eventType);
        if (decision.Allowed) decision = policy.DecideConsume(service, eventType);
        // The publisher named in a refused message is not a label: anything could be written there.
        return Enforce(decision, publisher ?? "", service, "consume", eventType, metricSource: decision.Allowed ? publisher : "unlisted");
    }

    private bool Enforce(PolicyDecision decision, string source, string target, string operation, string subject, string? metricSource = null)
    {
        var outcome = decision.Outcome(Mode);
        metrics.Record(metricSource ?? source, target, outcome, decision.Rule);
        if (decision.Allowed) return true;
        if (Mode == EnforcementMode.Audit)
        {
            LogWouldDeny(logger, source, target, operation, subject, decision.Rule);
            return true;
        }
        LogDenied(logger, source, target, operation, subject, decision.Rule);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy denied {Source} -> {Target}: {Operation} {Subject} (rule {Rule})")]
    private static partial void LogDenied(ILogger logger, string source, string target, string operation, string subject, string rule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Policy would deny {Source} -> {Target}: {Operation} {Subject} (rule {Rule}; audit mode lets it through)")]
    private static partial void LogWouldDeny(ILogger logger, string source, string target, string operation, string subject, string rule);
}
