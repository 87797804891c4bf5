using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Exports;

/// <summary>
/// A file each service writes about itself when run with <see cref="Switch"/> (<c>--Mosaic:ExportConfigSchema=FILE</c>),
/// committed at <see cref="CommittedPath"/> so tools can read it without building anything.
/// </summary>
/// <param name="Noun">What the file is, for messages: "schema", "contract".</param>
/// <param name="Command">The command that writes the files again, for messages.</param>
/// <param name="Services">Which of the manifest's services have one.</param>
/// <param name="Variables">Variables the service needs for the export beyond <c>ServiceEnvironment.For</c>, given a scratch folder of its own.</param>
public sealed record CommittedExport(
    string Noun,
    string Switch,
    string Folder,
    Func<string, string, string> CommittedPath,
    string Command,
    Func<SystemManifest, IEnumerable<ServiceManifest>> Services,
    Func<ServiceManifest, string, IReadOnlyDictionary<string, string>> Variables);
