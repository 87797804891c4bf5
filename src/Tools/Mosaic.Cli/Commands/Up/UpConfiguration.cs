using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Slices;
using Mosaic.Cli.Environments.Validation;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Commands.Up;

/// <summary>
/// What <c>mosaic up</c> gives each service from <c>environments/</c>: the environment is validated
/// before any service starts, each service's slice is written to <c>.mosaic/WORKSPACE/config/</c>
/// (passed as <c>Mosaic__ConfigSlice</c>), and the slices are written again when the environment
/// files or dev's secrets change, for the services to reload. A change that cannot be rendered is
/// reported and the services keep what they have.
/// </summary>
public sealed class UpConfiguration : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly MosaicWorkspace workspace;
    private readonly SystemManifest manifest;
    private readonly ConsoleOutput output;
    private readonly Func<string, string?> environmentVariable;
    private readonly Dictionary<string, string> versions = new(StringComparer.Ordinal);
    private readonly List<FileSystemWatcher> watchers = [];
    private readonly Lock rendering = new();
    private Timer? pending;

    private UpConfiguration(MosaicWorkspace workspace, SystemManifest manifest, ConsoleOutput output, string environment, Func<string, string?> environmentVariable)
    {
        this.workspace = workspace;
        this.manifest = manifest;
        this.output = output;
        this.environmentVariable = environmentVariable;
        Environment = environment;
    }

    /// <summary>The environment of <c>environments/</c> whose values the services get.</summary>
    public string Environment { get; }

    /// <summary>
    /// <paramref name="requested"/> when given; else the workspace's own environment when it has a file
    /// in <c>environments/</c>; else dev. Null when the checkout has no <c>environments/</c> at all.
    /// </summary>
    public static UpConfiguration? Prepare(MosaicWorkspace workspace, SystemManifest manifest, ConsoleOutput output, string? requested, Func<string, string?> environmentVariable)
    {
        var folder = Path.Combine(workspace.Root, EnvironmentPaths.Folder);
        if (!Directory.Exists(folder))
        {
            if (requested is null) return null;
            throw new CliException($"--config {requested} names an environment, but there is no {EnvironmentPaths.Folder}/ folder in {workspace.Root}.");
        }
        var environment = Choose(workspace, requested);
        if (!File.Exists(Path.Combine(workspace.Root, EnvironmentPaths.File(environment))))
            throw new CliException($"There is no environment '{environment}': {EnvironmentPaths.File(environment)} does not exist (environments: {string.Join(", ", EnvironmentPaths.Environments(workspace.Root))}).");

        var problems = new EnvironmentValidator(new WorkingTreeSource(workspace.Root), manifest.Services.Keys.ToList()).Validate(environment);
        var errors = problems.Where(p => !p.IsWarning).ToList();
        foreach (var problem in errors) output.Failure(problem.ToString());
        if (errors.Count > 0)
            throw new CliException($"The '{environment}' environment has {errors.Count} problem(s), listed above: fix them and run ./mosaic up again (./mosaic env validate --env {environment} checks without starting).");

        var configuration = new UpConfiguration(workspace, manifest, output, environment, environmentVariable);
        configuration.Render();
        output.Line($"Configuration: '{environment}' from {EnvironmentPaths.Folder}/, a slice per service in {workspace.Display(configuration.Folder)}{Path.DirectorySeparatorChar}.");
        return configuration;
    }

    /// <summary>The environment of <c>environments/</c> an <c>up</c> of <paramref name="workspace"/> runs on.</summary>
    public static string Choose(MosaicWorkspace workspace, string? requested) =>
        requested ?? (File.Exists(Path.Combine(workspace.Root, EnvironmentPaths.File(workspace.Environment))) ? workspace.Environment : EnvironmentPaths.Development);

    private string Folder => Path.Combine(workspace.StateDirectory, "config");

    /// <summary>The variables that hand a service its slice; none for a service that declares no settings.</summary>
    public IReadOnlyDictionary<string, string> VariablesFor(ServiceManifest service)
    {
        lock (rendering)
            return versions.ContainsKey(service.Name)
                ? new Dictionary<string, string> { ["Mosaic__ConfigSlice"] = SlicePath(service.Name) }
                : new Dictionary<string, string>();
    }

    private string SlicePath(string service) => Path.Combine(Folder, $"{service}.json");

    /// <summary>
    /// Renders every slice, then writes those whose version changed: all of them or, when any one
    /// cannot be rendered, none (two services sharing a rotated key must not end up on different
    /// ones). Returns the services whose slice changed, with old and new version.
    /// </summary>
    private List<string> Render()
    {
        var changes = new List<string>();
        lock (rendering)
        {
            var slices = manifest.Services.Keys
                .Where(service => File.Exists(Path.Combine(workspace.Root, EnvironmentPaths.Schema(service))))
                .Select(service => EnvironmentSlices.Render(workspace.Root, Environment, service, environmentVariable))
                .ToList();
            foreach (var slice in slices)
            {
                var before = versions.GetValueOrDefault(slice.Service);
                if (before == slice.Version && File.Exists(SlicePath(slice.Service))) continue;
                slice.WriteTo(SlicePath(slice.Service));
                versions[slice.Service] = slice.Version;
                if (before is not null) changes.Add($"{slice.Service} {before} → {slice.Version}");
            }
        }
        return changes;
    }

    /// <summary>From now on, a change to <c>environments/</c> or to dev's secrets is rendered again.</summary>
    public void Watch()
    {
        pending = new Timer(_ => RenderChanges());
        foreach (var folder in (string[])[Path.Combine(workspace.Root, EnvironmentPaths.Folder), Path.GetDirectoryName(Path.Combine(workspace.Root, EnvironmentPaths.KeyFile(Environment)))!])
        {
            Directory.CreateDirectory(folder);
            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
            watcher.Changed += (_, _) => pending.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.Created += (_, _) => pending.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.Renamed += (_, _) => pending.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.Deleted += (_, _) => pending.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }
    }

    private void RenderChanges()
    {
        try
        {
            var changes = Render();
            if (changes.Count > 0) output.Line($"Configuration of '{Environment}' changed, slices written for the services to reload: {string.Join(", ", changes)}.");
        }
        catch (CliException e)
        {
            output.Warning($"{EnvironmentPaths.Folder}/ changed, but {e.Message.TrimEnd('.')}; the services keep their configuration.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ManifestException)
        {
            output.Warning($"{EnvironmentPaths.Folder}/ changed, but could not be read ({e.Message}); the services keep their configuration.");
        }
#pragma warning disable CA1031 // A timer callback: anything else thrown here would end mosaic up and leave its services running.
        catch (Exception e)
#pragma warning restore CA1031
        {
            output.Warning($"{EnvironmentPaths.Folder}/ changed, but rendering it failed unexpectedly ({e.GetType().Name}: {e.Message}); the services keep their configuration.");
        }
    }

    public void Dispose()
    {
        foreach (var watcher in watchers) watcher.Dispose();
        pending?.Dispose();
    }
}
