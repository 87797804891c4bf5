using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Workspace;

/// <summary>The environment variables a service process gets, whether it serves or runs a one-shot tool.</summary>
public static class ServiceEnvironment
{
    public static Dictionary<string, string> For(MosaicWorkspace workspace) => new(StringComparer.Ordinal)
    {
        ["Mosaic__Environment"] = workspace.Environment,
        ["Mosaic__Manifest"] = workspace.ManifestPath,
        ["Mosaic__StateDirectory"] = workspace.StateDirectory,
        // Server GC sizes its heaps for a machine of its own; several services share this one.
        ["DOTNET_gcServer"] = "0",
    };

    public static Dictionary<string, string> For(MosaicWorkspace workspace, ServiceInstance instance)
    {
        var variables = For(workspace);
        variables["Mosaic__Instance"] = instance.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return variables;
    }
}
