namespace Mosaic.Cli.Supervisor;

/// <summary>How to start one instance: the program, its arguments and environment, and the log file it appends to.</summary>
public sealed record LaunchSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    string LogPath);
