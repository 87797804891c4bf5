namespace Mosaic.Cli.Diagnostics;

/// <summary>
/// Something wrong (or, as a warning, suspicious) in a file the checkout holds (an environment, the policy),
/// where it was written and a stable code; printed as <c>file:line: code message</c>.
/// </summary>
/// <param name="Service">The service the problem belongs to; null when it concerns the whole file.</param>
public sealed record Problem(SourceMark Source, string Code, string Message, string? Service = null, bool IsWarning = false)
{
    public override string ToString() => IsWarning ? $"{Source}: warning {Code} {Message}" : $"{Source}: {Code} {Message}";
}
