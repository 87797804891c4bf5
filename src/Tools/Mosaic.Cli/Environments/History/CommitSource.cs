using Mosaic.Cli.Environments.Loading;

namespace Mosaic.Cli.Environments.History;

/// <summary>Environment files as they were at one commit.</summary>
public sealed class CommitSource(Git git, string commit) : IEnvironmentSource
{
    // "./" makes the path relative to the checkout's folder, which need not be the repository's top.
    public string? ReadText(string relativePath) => git.Output("show", $"{commit}:./{relativePath}");
}
