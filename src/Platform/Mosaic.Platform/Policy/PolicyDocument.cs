namespace Mosaic.Platform.Policy;

/// <summary>
/// <c>policies/policy.yaml</c> as written, with the line of every entry so that tools can point at it.
/// <see cref="SegmentationPolicy"/> is the compiled form the enforcement points use.
/// </summary>
public sealed record PolicyDocument(
    string Path,
    EnforcementMode DefaultMode,
    IReadOnlyList<ServiceMode> Modes,
    IReadOnlyList<CallRule> Calls,
    IReadOnlyList<EventRule> Events);

/// <summary>How a service acts on a denial: refuse it, or let it through and record that it would have refused.</summary>
public enum EnforcementMode
{
    Enforce,
    Audit,
}

public sealed record ServiceMode(string Service, EnforcementMode Mode, int Line);

/// <summary>"<c>from</c> may call <c>to</c> with these operations."</summary>
public sealed record CallRule(string From, string To, IReadOnlyList<OperationPattern> Allow, int Line);

/// <summary>One allowed operation: a method (or <c>*</c>) and a path template.</summary>
public sealed record OperationPattern(string Method, PathTemplate Path, int Line)
{
    public bool AnyMethod => Method == "*";

    public bool Matches(string method, ReadOnlySpan<char> path) =>
        (AnyMethod || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) && Path.Matches(path);

    /// <summary>Every request this operation allows, <paramref name="other"/> allows too.</summary>
    public bool IsCoveredBy(OperationPattern other) =>
        (other.AnyMethod || string.Equals(Method, other.Method, StringComparison.OrdinalIgnoreCase)) && Path.IsCoveredBy(other.Path);

    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Who may publish and who may consume one event type (all its versions).</summary>
public sealed record EventRule(string Type, IReadOnlyList<string> Publishers, IReadOnlyList<string> Consumers, int Line);
