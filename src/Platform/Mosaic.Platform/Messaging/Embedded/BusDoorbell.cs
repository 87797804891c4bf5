using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace Mosaic.Platform.Messaging.Embedded;

/// <summary>
/// How a process tells the others on the bus file that it has made messages available: after its commit it
/// writes one byte to a small file in a folder of its own beside the bus file, and every process watching
/// that folder wakes its consumers. Only writes that make work ring it (publishes, redrives, retries due
/// at once); claims and acknowledgements, most of the file's writes, wake nobody. Where the file system
/// reports no changes, consumers poll often instead.
/// </summary>
/// <remarks>
/// Watching the bus file's write-ahead log instead woke every consumer of every process on every write to
/// it, claims and acknowledgements included, and again 20 and 250 ms later, because the log is written
/// before a commit becomes visible: at 50 orders/s each process took over a thousand wake-ups a second,
/// each a read of the file by every consumer (benchmarks/README.md, load lab). The ring comes after the
/// commit, so one look is enough.
/// </remarks>
internal sealed partial class BusDoorbell : IDisposable
{
    private static readonly byte[] Ding = [1];

    private readonly string ringPath;
    private readonly FileSystemWatcher? watcher;
    private readonly ILogger logger;
    private readonly Lock opening = new();
    private SafeFileHandle? ring;
    private bool disposed;
    private int warnedRingFailed;

    public BusDoorbell(string busPath, Action rung, ILogger logger)
    {
        this.logger = logger;
        var folder = Path.GetFullPath(busPath) + ".doorbell";
        ringPath = Path.Combine(folder, "ring");
        try
        {
            Directory.CreateDirectory(folder);
            watcher = new FileSystemWatcher(folder, "ring")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, _) => rung();
            watcher.Created += (_, _) => rung();
            // Events were dropped (the kernel's queue overflowed): whatever they were, look now.
            watcher.Error += (_, _) => rung();
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException or ArgumentException)
        {
            // Typically the per-user limit on inotify instances: polling alone still delivers everything.
            watcher?.Dispose();
            watcher = null;
            LogNotWatching(logger, folder, e.Message);
        }
    }

    /// <summary>Whether rings are heard; if not, consumers must poll often.</summary>
    public bool IsWatching => watcher is not null;

    /// <summary>Wakes the consumers of every process watching. Call after the commit that made messages available; never throws.</summary>
    public void Ring()
    {
        SafeFileHandle? handle = null;
        try
        {
            handle = Handle();
            if (handle is not null) RandomAccess.Write(handle, Ding, fileOffset: 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The folder was removed or cannot be written: the others find the messages at their next poll.
            // The commit before the ring stands, so nothing may escape into the publish that made it.
            lock (opening)
            {
                if (handle is not null && ReferenceEquals(ring, handle)) ring = null;
                handle?.Dispose();
                if (disposed) return;
            }
            if (Interlocked.Exchange(ref warnedRingFailed, 1) == 0) LogRingFailed(logger, ringPath, e.Message);
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        lock (opening)
        {
            disposed = true;
            ring?.Dispose();
            ring = null;
        }
    }

    /// <summary>The open ring file, or null once disposed (a publish racing the stop rings nobody).</summary>
    private SafeFileHandle? Handle()
    {
        if (ring is { } open) return open;
        lock (opening)
        {
            if (disposed) return null;
            Directory.CreateDirectory(Path.GetDirectoryName(ringPath)!);
            return ring ??= File.OpenHandle(ringPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch the bus doorbell {Path} ({Reason}); consumers poll the bus file instead")]
    private static partial void LogNotWatching(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot ring the bus doorbell {Path} ({Reason}); other processes find new messages at their next poll")]
    private static partial void LogRingFailed(ILogger logger, string path, string reason);
}
