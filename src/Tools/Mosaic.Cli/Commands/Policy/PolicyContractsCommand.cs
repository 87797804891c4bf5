using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Slices;
using Mosaic.Cli.Exports;
using Mosaic.Platform.Contracts;

namespace Mosaic.Cli.Commands.Policy;

/// <summary>
/// <c>mosaic policy contracts</c>: builds the services and asks each for its endpoints and events
/// (<c>--Mosaic:ExportServiceContract=FILE</c>), writing <c>contracts/services/SERVICE.json</c>, which
/// <c>policy check</c> reads; with <c>--check</c> it writes nothing and fails when a contract is stale.
/// </summary>
internal static class PolicyContractsCommand
{
    public static Command Create(CliContext context)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when a committed contract differs from what its service exposes." };
        var noBuild = new Option<bool>("--no-build") { Description = "Use what was built last instead of building first." };
        var command = new Command("contracts", "Export every service's endpoints and published and consumed events to contracts/services/SERVICE.json, which policy check reads.")
        {
            check,
            noBuild,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(SharedOptions.DefaultEnvironment);
            return ServiceExporter.RunAsync(workspace, context.Output, Contracts(workspace.Root, context.EnvironmentVariable), parse.GetValue(check), !parse.GetValue(noBuild), cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// The contracts. A service maps its endpoints only once it runs, so each runs without a server, as <c>up</c>
    /// would start it on dev (its settings from dev's slice), with its database and bus in a scratch folder.
    /// </summary>
    private static CommittedExport Contracts(string root, Func<string, string?> environmentVariable) => new(
        Noun: "contract",
        Switch: ContractExport.Key,
        Folder: ServiceContract.Folder,
        CommittedPath: (checkout, service) => Path.Combine(checkout, ServiceContract.RelativePath(service)),
        Command: "./mosaic policy contracts",
        Services: manifest => manifest.Services.Values,
        Variables: (service, scratch) =>
        {
            var variables = new Dictionary<string, string> { ["Mosaic__StateDirectory"] = scratch };
            if (File.Exists(Path.Combine(root, EnvironmentPaths.Schema(service.Name))))
            {
                var slice = Path.Combine(scratch, "slice.json");
                EnvironmentSlices.Render(root, EnvironmentPaths.Development, service.Name, environmentVariable).WriteTo(slice);
                variables["Mosaic__ConfigSlice"] = slice;
            }
            return variables;
        });
}
