namespace Mosaic.Cli.Servers;

internal static class ExecutableSearch
{
    /// <summary>The first file named <paramref name="name"/> in the folders of <paramref name="path"/> (the process's PATH by default).</summary>
    public static string? OnPath(string name, string? path = null) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
