namespace Mosaic.Cli.Environments.Loading;

/// <summary>Where environment files are read from: the working tree, or a commit of its history.</summary>
public interface IEnvironmentSource
{
    /// <summary>The text of a file given relative to the checkout (with '/'), or null when there is none.</summary>
    string? ReadText(string relativePath);
}
