using Microsoft.Extensions.Logging;

namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>
/// Reports writes to the bus file by any process (they land in its write-ahead log first), so an idle
/// consumer learns of another process's publish at once rather than at its next poll, and idle
/// consumers can poll rarely. Where the file system reports no changes, consumers poll often instead.
/// </summary>
internal sealed partial class BusFileWatcher : IDisposable
{
    /// <summary>
    /// A writer's log frames reach the file (and raise the event) just before its commit becomes visible
    /// to readers, so a consumer that looks at once can miss it: everyone looks again this long after
    /// the last change, and once more later for a writer that was descheduled in between.
    /// </summary>
    private static readonly TimeSpan SecondLook = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan LastLook = TimeSpan.FromMilliseconds(250);

    private readonly FileSystemWatcher? watcher;
    private readonly Action changed;
    private readonly Timer secondLook;
    private readonly Timer lastLook;

    public BusFileWatcher(string busPath, Action changed, ILogger logger)
    {
        this.changed = changed;
        secondLook = new Timer(_ => changed());
        lastLook = new Timer(_ => changed());
        var full = Path.GetFullPath(busPath);
        try
        {
            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            watcher = new FileSystemWatcher(folder, Path.GetFileName(full) + "-wal")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, _) => Changed();
            watcher.Created += (_, _) => Changed();
            // Events were dropped (the kernel's queue overflowed): whatever they were, look now.
            watcher.Error += (_, _) => Changed();
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            // Typically the per-user limit on inotify instances: polling alone still delivers everything.
            watcher?.Dispose();
            watcher = null;
            LogNotWatching(logger, full, e.Message);
        }
    }

    /// <summary>Whether changes are reported; if not, consumers must poll often.</summary>
    public bool IsWatching => watcher is not null;

    public void Dispose()
    {
        watcher?.Dispose();
        secondLook.Dispose();
        lastLook.Dispose();
    }

    private void Changed()
    {
        changed();
        secondLook.Change(SecondLook, Timeout.InfiniteTimeSpan);
        lastLook.Change(LastLook, Timeout.InfiniteTimeSpan);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch the bus file {Path} for changes ({Reason}); consumers poll it instead")]
    private static partial void LogNotWatching(ILogger logger, string path, string reason);
}
