using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Schemas;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env schema</c>: writes each built service's configuration schema to <c>contracts/config/</c>.</summary>
internal static class EnvSchemaCommand
{
    public static Command Create(CliContext context)
    {
        var service = EnvOptions.Service("Export only this service's schema.");
        var command = new Command("schema", "Write each built service's configuration schema to contracts/config/SERVICE.schema.json (commit them).") { service };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var workspace = context.Workspace(SharedOptions.DefaultEnvironment);
            var manifest = workspace.LoadManifest();
            var services = parse.GetValue(service) is { } name ? [manifest.GetService(name)] : manifest.StartOrder();
            var export = new SchemaExport(workspace);
            foreach (var each in services) context.Output.Line($"{each.Name}: wrote {await export.ExportAsync(each, cancellationToken)}");
            context.Output.Success("review the schemas with git diff and commit them; ./mosaic env validate checks every environment against them.");
            return ExitCodes.Success;
        });
        return command;
    }
}
