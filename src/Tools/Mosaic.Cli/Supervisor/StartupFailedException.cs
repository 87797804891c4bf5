using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>An instance exited or stayed unready during start-up; the message is a sentence for the user.</summary>
public sealed class StartupFailedException : Exception
{
    public StartupFailedException(ServiceInstance instance, string message, IReadOnlyList<string> lastLines, string logPath)
        : base(message)
    {
        Instance = instance;
        LastLines = lastLines;
        LogPath = logPath;
    }

    public StartupFailedException() { }

    public StartupFailedException(string message) : base(message) { }

    public StartupFailedException(string message, Exception inner) : base(message, inner) { }

    public ServiceInstance? Instance { get; }

    public IReadOnlyList<string> LastLines { get; } = [];

    public string LogPath { get; } = "";
}
