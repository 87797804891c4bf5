using System.Diagnostics;
using System.Xml.Linq;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Build;

/// <summary>
/// Builds services in Release with one <c>dotnet build</c>: a generated solution lists exactly the
/// projects the manifest names, so MSBuild builds the shared platform once and the services in
/// parallel, and an unchanged tree is a fast no-op.
/// </summary>
public sealed class ServiceBuilder(MosaicWorkspace workspace)
{
    // Output goes to a file, not a pipe: MSBuild's worker nodes and the compiler server outlive the
    // build and would hold a pipe open, so reading it to the end could wait for minutes.
    private const string RedirectToLog = """log=$1; shift; exec "$@" </dev/null >"$log" 2>&1""";

    public string SolutionPath => Path.Combine(workspace.ArtifactsDirectory, "mosaic", "services.slnx");

    public BuildStamp Stamp => new(Path.Combine(workspace.ArtifactsDirectory, "mosaic", "services.stamp"), workspace.Root);

    public async Task<BuildResult> BuildAsync(IReadOnlyCollection<ServiceManifest> services, CancellationToken cancellationToken)
    {
        var projects = services.Select(workspace.ProjectPath).Distinct(StringComparer.Ordinal).ToList();
        foreach (var project in projects)
            if (!File.Exists(project))
                throw new CommandLine.CliException($"mosaic.yaml names the project folder of {Path.GetFileNameWithoutExtension(project)}, but {workspace.Display(project)} does not exist: fix its 'project' entry.");

        var clock = Stopwatch.StartNew();
        var solution = Solution(projects);
        var stamp = Stamp;
        if (stamp.IsCurrent(solution, services.Select(workspace.AssemblyPath)))
            return new BuildResult(true, [], workspace.BuildLogPath, clock.Elapsed, WasUpToDate: true);

        stamp.Clear();
        var startedAt = DateTime.UtcNow;
        // Rewriting an unchanged solution would make MSBuild see a new file and redo work.
        Directory.CreateDirectory(Path.GetDirectoryName(SolutionPath)!);
        if (!File.Exists(SolutionPath) || File.ReadAllText(SolutionPath) != solution) File.WriteAllText(SolutionPath, solution);
        Directory.CreateDirectory(Path.GetDirectoryName(workspace.BuildLogPath)!);
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workspace.Root };
        foreach (var argument in (string[])["-c", RedirectToLog, "mosaic-build", workspace.BuildLogPath,
                     DotnetHost.Path, "build", SolutionPath, "-c", MosaicWorkspace.Configuration,
                     // The generated solution lists the services, not the platform and contracts they reference;
                     // MSBuild builds such references in their default configuration (Debug) unless told not to,
                     // and every service would then run an unoptimised platform.
                     "-p:ShouldUnsetParentConfigurationAndPlatform=false", "-v", "q", "-nologo"])
            info.ArgumentList.Add(argument);
        // Errors are picked out of the log by MSBuild's English ": error " marker, and the log is for reading, not for a live console.
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["MSBUILDTERMINALLOGGER"] = "off";

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet build did not start.");
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var succeeded = process.ExitCode == 0;
        if (succeeded) stamp.Record(solution, startedAt);
        return new BuildResult(succeeded, succeeded ? [] : Errors(workspace.BuildLogPath), workspace.BuildLogPath, clock.Elapsed);
    }

    /// <summary>A solution listing exactly <paramref name="projects"/>, with paths relative to where it is written.</summary>
    private string Solution(IEnumerable<string> projects)
    {
        var folder = Path.GetDirectoryName(SolutionPath)!;
        var solution = new XElement("Solution",
            projects.Select(p => new XElement("Project", new XAttribute("Path", Path.GetRelativePath(folder, p).Replace('\\', '/')))));
        return solution.ToString() + "\n";
    }

    /// <summary>The distinct error lines of a failed build, or its last lines when it printed none.</summary>
    private static IReadOnlyList<string> Errors(string logPath)
    {
        var lines = File.Exists(logPath) ? File.ReadAllLines(logPath) : [];
        var errors = lines.Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().Take(20).ToList();
        return errors.Count > 0 ? errors : lines.TakeLast(20).ToList();
    }
}
