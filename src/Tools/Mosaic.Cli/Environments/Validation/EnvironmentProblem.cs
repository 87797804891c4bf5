using Mosaic.Cli.Environments.Model;

namespace Mosaic.Cli.Environments.Validation;

/// <summary>Something wrong (or, as a warning, suspicious) in an environment, where it was written and a stable code.</summary>
/// <param name="Service">The service the problem belongs to; null when it concerns the whole environment.</param>
public sealed record EnvironmentProblem(SourceMark Source, string Code, string Message, string? Service = null, bool IsWarning = false)
{
    public override string ToString() => IsWarning ? $"{Source}: warning {Code} {Message}" : $"{Source}: {Code} {Message}";
}
