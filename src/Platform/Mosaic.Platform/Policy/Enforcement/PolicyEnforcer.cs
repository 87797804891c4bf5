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

    /// <summary>May this service consume <paramref name="eventType"/>, and did <paramref name="publisher"/> have the right to publish it?</summary>
    public bool AllowsConsume(string eventType, string? publisher = null)
    {
        var consume = policy.DecideConsume(service, eventType);
        if (!consume.Allowed || publisher is null) return Enforce(consume, publisher ?? eventType, service, "consume", eventType);
        return Enforce(policy.DecidePublish(publisher, eventType), publisher, service, "consume", eventType);
    }

    private bool Enforce(PolicyDecision decision, string source, string target, string operation, string subject)
    {
        var outcome = decision.Outcome(Mode);
        metrics.Record(source, target, outcome, decision.Rule);
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
