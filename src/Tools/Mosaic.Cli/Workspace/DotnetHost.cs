namespace Mosaic.Cli.Workspace;

/// <summary>The <c>dotnet</c> executable to start services and builds with.</summary>
public static class DotnetHost
{
    /// <summary>
    /// The host running this command when it is <c>dotnet</c> itself, so services run on the same
    /// installation the wrapper found; otherwise whatever <c>dotnet</c> the PATH holds.
    /// </summary>
    public static string Path { get; } =
        Environment.ProcessPath is { } host && System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
