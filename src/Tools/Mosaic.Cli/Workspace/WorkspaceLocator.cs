using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Workspace;

/// <summary>Finds the checkout a command works on.</summary>
public static class WorkspaceLocator
{
    /// <summary>
    /// The checkout the running binary was built in comes first (the <c>./mosaic</c> wrapper runs it from
    /// <c>artifacts/</c>), so a command started from another folder still acts on its own checkout;
    /// the working folder is the fallback for a binary that lives elsewhere.
    /// </summary>
    public static string FindRoot()
    {
        var manifest = ManifestLoader.Find(AppContext.BaseDirectory) ?? ManifestLoader.Find(Directory.GetCurrentDirectory());
        return manifest is null
            ? throw new ManifestException($"No {ManifestLoader.FileName} found above {Directory.GetCurrentDirectory()}: run mosaic from the repository root.")
            : Path.GetDirectoryName(manifest)!;
    }
}
