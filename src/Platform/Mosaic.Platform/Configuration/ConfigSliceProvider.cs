using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// The service's slice of its environment as configuration. The slice must be valid for the service
/// to start. When the file changes, the new values are checked against every declared setting
/// before anyone sees them: a slice that does not validate is rejected, logged and counted, and the
/// last good values stay in force.
/// </summary>
internal sealed partial class ConfigSliceProvider : ConfigurationProvider, IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly string path;
    private readonly Lock reloading = new();
    private FileSystemWatcher? watcher;
    private Timer? poll;
    private string lastSeen = "";
    private string? lastUnreadable;
    private Func<IDictionary<string, string?>, IReadOnlyList<SettingsProblem>>? guard;
    private ILogger? logger;
    private Counter<long>? reloads;

    public ConfigSliceProvider(string path) => this.path = Path.GetFullPath(path);

    public ConfigSliceFile? Current { get; private set; }

    public override void Load()
    {
        if (Current is not null) return;
        if (!File.Exists(path))
            throw new InvalidOperationException($"Mosaic:ConfigSlice points at {path}, which does not exist: render it with ./mosaic up, or leave Mosaic:ConfigSlice unset.");
        var slice = ConfigSliceFile.Read(path, out lastSeen);
        Data = ToData(slice);
        Current = slice;
    }

    /// <summary>From here on, a changed file is checked by <paramref name="validate"/> (given the new values) and reported.</summary>
    public void Watch(Func<IDictionary<string, string?>, IReadOnlyList<SettingsProblem>> validate, ILoggerFactory loggers, IMeterFactory meters)
    {
        guard = validate;
        logger = loggers.CreateLogger("Mosaic.Configuration");
        var meter = meters.Create("Mosaic.Configuration");
        reloads = meter.CreateCounter<long>("mosaic.config.reloads", description: "Changed configuration slices, by result: applied, rejected (did not validate; the last good values stay) or unreadable.");
        meter.CreateObservableGauge("mosaic.config.version", () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", Current?.Version)),
            description: "Always 1; the version tag is the configuration version this instance runs.");

        var folder = Path.GetDirectoryName(path)!;
        watcher = new FileSystemWatcher(folder, Path.GetFileName(path)) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        watcher.Changed += (_, _) => Soon();
        watcher.Created += (_, _) => Soon();
        watcher.Renamed += (_, _) => Soon();
        watcher.EnableRaisingEvents = true;
        // Watchers miss events on some file systems (network mounts, some container volumes): look now and then as well.
        poll = new Timer(_ => Reload(), null, PollInterval, PollInterval);
    }

    private void Soon() => Task.Delay(Settle).ContinueWith(_ => Reload(), TaskScheduler.Default);

    internal void Reload()
    {
        lock (reloading)
        {
            try
            {
                ReloadOnce();
            }
#pragma warning disable CA1031 // Called from a timer and a file watcher: an exception here would end the service, which must keep its last good values instead.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (logger is not null) LogRejected(logger, "(unknown)", Current?.Version, $"checking it failed: {e.GetType().Name}");
                reloads?.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
            }
        }
    }

    private void ReloadOnce()
    {
        ConfigSliceFile candidate;
        string fingerprint;
        try
        {
            if (!File.Exists(path)) return;
            candidate = ConfigSliceFile.Read(path, out fingerprint);
        }
        catch (InvalidDataException e)
        {
            // Possibly caught mid-write by a writer that does not rename: the next look decides. Said once per new reason.
            if (e.Message == lastUnreadable) return;
            lastUnreadable = e.Message;
            if (logger is not null) LogUnreadable(logger, e.Message);
            reloads?.Add(1, new KeyValuePair<string, object?>("result", "unreadable"));
            return;
        }
        lastUnreadable = null;
        if (fingerprint == lastSeen) return;
        lastSeen = fingerprint;

        var data = ToData(candidate);
        var problems = guard?.Invoke(data) ?? [];
        if (problems.Count > 0)
        {
            if (logger is not null) LogRejected(logger, candidate.Version, Current?.Version, string.Join("; ", problems));
            reloads?.Add(1, new KeyValuePair<string, object?>("result", "rejected"));
            return;
        }
        var from = Current?.Version;
        Data = data;
        Current = candidate;
        if (logger is not null) LogApplied(logger, candidate.Version, from);
        reloads?.Add(1, new KeyValuePair<string, object?>("result", "applied"));
        OnReload();
    }

    private static Dictionary<string, string?> ToData(ConfigSliceFile slice) => new(slice.Values, StringComparer.OrdinalIgnoreCase);

    public void Dispose()
    {
        watcher?.Dispose();
        poll?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration {Version} applied (was {PreviousVersion})")]
    private static partial void LogApplied(ILogger logger, string version, string? previousVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration {Version} rejected, still running {CurrentVersion}: {Problems}")]
    private static partial void LogRejected(ILogger logger, string version, string? currentVersion, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Configuration slice not read: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
