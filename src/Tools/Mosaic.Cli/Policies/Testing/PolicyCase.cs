namespace Mosaic.Cli.Policies.Testing;

/// <summary>What a case asks the policy.</summary>
public enum CaseKind
{
    Call,
    Publish,
    Consume,
}

/// <summary>
/// One row of the truth table: a call (<see cref="Service"/> calling <see cref="Target"/> with a method and a path as
/// it arrives) or an event (<see cref="Service"/> publishing or consuming <see cref="Event"/>), the answer expected,
/// and optionally the rule expected to give it.
/// </summary>
public sealed record PolicyCase(CaseKind Kind, string Service, string? Target, string? Method, string? Path, string? Event, bool ExpectAllow, string? ExpectRule, int Line)
{
    public override string ToString() => Kind switch
    {
        CaseKind.Call => $"{Service} -> {Target} {Method} {Path}",
        CaseKind.Publish => $"{Service} publishes {Event}",
        _ => $"{Service} consumes {Event}",
    };
}
