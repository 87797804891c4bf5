using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Workspace;

/// <summary>
/// Where everything of one checkout lives: the manifest, the build outputs and the runtime state of
/// an environment (<c>.mosaic/ENV</c>: databases, keys, logs and the record of a running <c>up</c>).
/// </summary>
public sealed class MosaicWorkspace
{
    public const string Configuration = "Release";

    public MosaicWorkspace(string root, string environment)
    {
        Root = Path.GetFullPath(root);
        Environment = environment;
    }

    public string Root { get; }

    public string Environment { get; }

    public string ManifestPath => Path.Combine(Root, ManifestLoader.FileName);

    public string StateDirectory => Path.Combine(Root, ".mosaic", Environment);

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public string RunDirectory => Path.Combine(StateDirectory, "run");

    public string RunFilePath => Path.Combine(RunDirectory, "up.json");

    public string BuildLogPath => Path.Combine(LogDirectory, "build.log");

    public string ArtifactsDirectory => Path.Combine(Root, "artifacts");

    /// <summary>Where unexpected failures of the command itself are written, whatever the environment.</summary>
    public string CrashLogPath => Path.Combine(Root, ".mosaic", "mosaic-cli.log");

    public SystemManifest LoadManifest() => ManifestLoader.Load(ManifestPath);

    /// <summary>The Release build of a service, as the artifacts layout places it.</summary>
    public string AssemblyPath(ServiceManifest service) =>
        Path.Combine(ArtifactsDirectory, "bin", service.AssemblyName, Configuration.ToLowerInvariant(), service.AssemblyName + ".dll");

    public string ProjectPath(ServiceManifest service)
    {
        var folder = Path.GetFullPath(Path.Combine(Root, service.Project));
        return Path.Combine(folder, service.AssemblyName + ".csproj");
    }

    public string LogPath(ServiceInstance instance) => Path.Combine(LogDirectory, $"{instance.Service}-{instance.Index}.log");

    /// <summary>Shows a path relative to the checkout when it lies inside it, so messages stay short.</summary>
    public string Display(string path)
    {
        var relative = Path.GetRelativePath(Root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
