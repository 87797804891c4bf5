using System.CommandLine;
using System.Diagnostics;
using Mosaic.Cli.Build;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Commands.Env;

/// <summary>
/// <c>mosaic env schema</c>: builds the services and asks each for the settings it declares
/// (<c>--Mosaic:ExportConfigSchema=FILE</c>), writing <c>contracts/config/SERVICE.schema.json</c>;
/// with <c>--check</c> it writes nothing and fails when a committed schema is stale.
/// </summary>
public static class EnvSchemaCommand
{
    private static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliContext context)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a committed schema differs from what its service declares." };
        var noBuild = new Option<bool>("--no-build") { Description = "Use what was built last instead of building first." };
        var command = new Command("schema", "Export every service's declared settings to contracts/config/SERVICE.schema.json, which env validate checks against.")
        {
            check,
            noBuild,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(context.Workspace(SharedOptions.DefaultEnvironment), context.Output, parse.GetValue(check), !parse.GetValue(noBuild), cancellationToken));
        return command;
    }

    public static string SchemaPath(string root, string service) => Path.Combine(root, "contracts", "config", $"{service}.schema.json");

    public static async Task<int> RunAsync(MosaicWorkspace workspace, ConsoleOutput output, bool check, bool build, CancellationToken cancellationToken)
    {
        var manifest = workspace.LoadManifest();
        if (build)
        {
            output.Line($"Building {manifest.Services.Count} services (Release)...");
            var result = await new ServiceBuilder(workspace).BuildAsync(manifest.Services.Values.ToList(), cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors) output.Line(error);
                throw new CliException($"The build failed: fix the errors above and run ./mosaic env schema again (full output: {workspace.Display(result.LogPath)}).");
            }
        }

        var scratch = Directory.CreateTempSubdirectory("mosaic-schema-").FullName;
        try
        {
            var stale = 0;
            foreach (var service in manifest.Services.Values)
            {
                var exported = Path.Combine(scratch, $"{service.Name}.schema.json");
                await ExportAsync(workspace, service, exported, cancellationToken);
                var committed = SchemaPath(workspace.Root, service.Name);
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
                throw new CliException($"{stale} schema(s) are stale: run ./mosaic env schema and commit contracts/config/.");
            return ExitCodes.Success;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task ExportAsync(MosaicWorkspace workspace, ServiceManifest service, string target, CancellationToken cancellationToken)
    {
        var assembly = workspace.AssemblyPath(service);
        if (!File.Exists(assembly))
            throw new CliException($"{service.Name} is not built ({workspace.Display(assembly)} is missing): run ./mosaic env schema without --no-build.");
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            UseShellExecute = false,
            WorkingDirectory = workspace.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(assembly);
        info.ArgumentList.Add($"--Mosaic:ExportConfigSchema={target}");
        ServiceEnvironment.WithoutEnvironmentKeys(info.Environment);
        foreach (var (name, value) in ServiceEnvironment.For(workspace)) info.Environment[name] = value;
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
            throw new CliException($"{service.Name} did not export its schema within {ExportTimeout.TotalSeconds:0} s.");
        }
        if (process.ExitCode != 0 || !File.Exists(target))
        {
            var reason = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
            throw new CliException($"{service.Name} did not export its schema: {reason}");
        }
    }
}
