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

    /// <summary>
    /// Takes the environments' keys (<c>MOSAIC_ENV_KEY_*</c>) out of what a service process inherits:
    /// a service gets its decrypted slice, never a key that would open every other service's secrets.
    /// </summary>
    public static void WithoutEnvironmentKeys(IDictionary<string, string?> inherited)
    {
        foreach (var name in inherited.Keys.Where(n => n.StartsWith(EnvironmentKeyPrefix, StringComparison.Ordinal)).ToList())
            inherited.Remove(name);
    }

    public const string EnvironmentKeyPrefix = "MOSAIC_ENV_KEY_";

    public static Dictionary<string, string> For(MosaicWorkspace workspace, ServiceInstance instance)
    {
        var variables = For(workspace);
        variables["Mosaic__Instance"] = instance.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return variables;
    }
}
