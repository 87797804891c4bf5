namespace Mosaic.Platform.Policy;

/// <summary>The outcome of one check and the rule that decided it (<see cref="SegmentationPolicy.DefaultDeny"/> when none allowed it).</summary>
public readonly record struct PolicyDecision(bool Allowed, string Rule)
{
    /// <summary>The metric label: <c>allow</c>, <c>deny</c>, or <c>would-deny</c> for a denial in audit mode.</summary>
    public string Outcome(EnforcementMode mode) => Allowed ? "allow" : mode == EnforcementMode.Audit ? "would-deny" : "deny";
}
