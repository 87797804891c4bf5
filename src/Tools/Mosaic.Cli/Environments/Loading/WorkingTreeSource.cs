namespace Mosaic.Cli.Environments.Loading;

/// <summary>Environment files as they are on disk in a checkout.</summary>
public sealed class WorkingTreeSource(string root) : IEnvironmentSource
{
    public string Root { get; } = Path.GetFullPath(root);

    public string? ReadText(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
