using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Exports;
using Mosaic.Platform.Configuration;

namespace Mosaic.Cli.Commands.Env;

/// <summary>
/// <c>mosaic env schema</c>: builds the services and asks each for the settings it declares
/// (<c>--Mosaic:ExportConfigSchema=FILE</c>), writing <c>contracts/config/SERVICE.schema.json</c>;
/// with <c>--check</c> it writes nothing and fails when a committed schema is stale.
/// </summary>
public static class EnvSchemaCommand
{
    /// <summary>The schemas: every service declares its settings, and exits before it starts anything.</summary>
    public static readonly CommittedExport Schemas = new(
        Noun: "schema",
        Switch: SettingsSetup.ExportSchemaKey,
        Folder: "contracts/config",
        CommittedPath: SchemaPath,
        Command: "./mosaic env schema",
        Services: manifest => manifest.Services.Values,
        Variables: (_, _) => new Dictionary<string, string>());

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
            ServiceExporter.RunAsync(context.Workspace(SharedOptions.DefaultEnvironment), context.Output, Schemas, parse.GetValue(check), !parse.GetValue(noBuild), cancellationToken));
        return command;
    }

    public static string SchemaPath(string root, string service) => Path.Combine(root, "contracts", "config", $"{service}.schema.json");
}
