using System.Diagnostics;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Environments.Schemas;

/// <summary>
/// Asks a built service for its configuration schema, as ADR 7 says:
/// <c>dotnet SERVICE.dll --Mosaic:ExportConfigSchema=FILE</c> writes <c>contracts/config/SERVICE.schema.json</c>.
/// </summary>
public sealed class SchemaExport(MosaicWorkspace workspace)
{
    /// <summary>A service that ignored the flag would start serving instead: it is stopped after this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <returns>The schema file written, relative to the checkout.</returns>
    public async Task<string> ExportAsync(ServiceManifest service, CancellationToken cancellationToken)
    {
        var assembly = workspace.AssemblyPath(service);
        if (!File.Exists(assembly))
            throw new CliException($"{service.Name} is not built ({workspace.Display(assembly)} does not exist): build it with ./mosaic up, or dotnet build -c Release, first.");
        var file = EnvironmentPaths.Schema(service.Name);
        var path = Path.Combine(workspace.Root, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = workspace.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add($"--Mosaic:ExportConfigSchema={path}");
        foreach (var (name, value) in ServiceEnvironment.For(workspace)) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new CliException($"dotnet did not start {service.Name} to export its schema.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new CliException($"{service.Name} did not export its schema within {Timeout.TotalSeconds:0} s: does it bind its options with builder.AddSettings and know --Mosaic:ExportConfigSchema?");
        }
        if (process.ExitCode != 0 || !File.Exists(path))
            throw new CliException($"{service.Name} failed to export its schema (exit code {process.ExitCode}): {FirstLine(await error)}");
        return file;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "it printed nothing on standard error.";
}
