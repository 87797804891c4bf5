namespace Mosaic.Cli.Build;

/// <summary>How a build ended: the compiler errors worth showing and where the full output is.</summary>
public sealed record BuildResult(bool Succeeded, IReadOnlyList<string> Errors, string LogPath, TimeSpan Took, bool WasUpToDate = false);
