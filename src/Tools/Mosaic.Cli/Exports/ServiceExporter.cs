using System.Diagnostics;
using Mosaic.Cli.Build;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Exports;

/// <summary>
/// Builds the services, runs each once with an export switch and compares what it wrote with the committed
/// file: writes the file when it differs, or (with <c>check</c>) writes nothing and fails when any differs.
/// </summary>
public static class ServiceExporter
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, CommittedExport export, bool check, bool build, CancellationToken cancellationToken)
    {
        var manifest = workspace.LoadManifest();
        var services = export.Services(manifest).ToList();
        if (build)
        {
            output.Line($"Building {manifest.Services.Count} services (Release)...");
            var result = await new ServiceBuilder(workspace).BuildAsync(manifest.Services.Values.ToList(), cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors) output.Line(error);
                throw new CliException($"The build failed: fix the errors above and run {export.Command} again (full output: {workspace.Display(result.LogPath)}).");
            }
        }

        var scratch = Directory.CreateTempSubdirectory("mosaic-export-").FullName;
        try
        {
            var stale = 0;
            foreach (var service in services)
            {
                var folder = Directory.CreateDirectory(Path.Combine(scratch, service.Name)).FullName;
                var exported = Path.Combine(folder, "export");
                await ExportAsync(workspace, export, service, exported, export.Variables(service, folder), cancellationToken);
                var committed = export.CommittedPath(workspace.Root, service.Name);
                var current = File.Exists(committed) && await File.ReadAllTextAsync(committed, cancellationToken) == await File.ReadAllTextAsync(exported, cancellationToken);
                if (current)
                {
                    output.Line($"{service.Name}: {workspace.Display(committed)} is current.");
                    continue;
                }
                stale++;
                if (check)
                {
                    output.Failure($"{service.Name}: {workspace.Display(committed)} is not what the service declares.");
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(committed)!);
                File.Copy(exported, committed, overwrite: true);
                output.Success($"{service.Name}: wrote {workspace.Display(committed)}.");
            }
            if (check && stale > 0)
                throw new CliException($"{stale} {export.Noun}(s) are stale: run {export.Command} and commit {export.Folder}/.");
            return ExitCodes.Success;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task ExportAsync(MosaicWorkspace workspace, CommittedExport export, ServiceManifest service, string target, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var assembly = workspace.AssemblyPath(service);
        if (!File.Exists(assembly))
            throw new CliException($"{service.Name} is not built ({workspace.Display(assembly)} is missing): run {export.Command} without --no-build.");
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add($"--{export.Switch}={target}");
        ServiceEnvironment.WithoutEnvironmentKeys(info.Environment);
        foreach (var (name, value) in ServiceEnvironment.For(workspace)) info.Environment[name] = value;
        foreach (var (name, value) in variables) info.Environment[name] = value;
        info.Environment["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(assembly)!;

        using var process = Process.Start(info) ?? throw new CliException($"dotnet did not start {service.Name}.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ExportTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new CliException($"{service.Name} did not export its {export.Noun} within {ExportTimeout.TotalSeconds:0} s.");
        }
        if (process.ExitCode != 0 || !File.Exists(target))
        {
            var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
            throw new CliException($"{service.Name} did not export its {export.Noun}: {reason}");
        }
    }
}
