using Mosaic.Platform.Messaging;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Testing;

/// <summary>A case and what the policy answered.</summary>
public sealed record CaseResult(PolicyCase Case, PolicyDecision Decision)
{
    public bool Passed => Decision.Allowed == Case.ExpectAllow && (Case.ExpectRule is null || Case.ExpectRule == Decision.Rule);
}

/// <summary>
/// Asks <see cref="SegmentationPolicy"/> each case, the way an enforcement point would: a call's path is made
/// canonical first, and a path that has no canonical form is refused.
/// </summary>
public static class PolicyCaseRunner
{
    /// <summary>The rule named for a path refused before any rule is looked at.</summary>
    public const string NonCanonicalPath = "non-canonical-path";

    public static IReadOnlyList<CaseResult> Run(SegmentationPolicy policy, IEnumerable<PolicyCase> cases) =>
        cases.Select(c => new CaseResult(c, Decide(policy, c))).ToList();

    public static PolicyDecision Decide(SegmentationPolicy policy, PolicyCase @case) => @case.Kind switch
    {
        CaseKind.Call => CanonicalPath.Normalize(@case.Path) is { } path
            ? policy.DecideCall(@case.Service, @case.Target!, @case.Method!, path)
            : new PolicyDecision(false, NonCanonicalPath),
        CaseKind.Publish => policy.DecidePublish(@case.Service, EventType(@case.Event!)),
        _ => policy.DecideConsume(@case.Service, EventType(@case.Event!)),
    };

    /// <summary>A case may name an event with its version (<c>orders.order-placed.v1</c>); the policy speaks of types.</summary>
    private static string EventType(string name) => EventTypeName.TryParse(name, out var parsed) ? parsed.Type : name;
}
