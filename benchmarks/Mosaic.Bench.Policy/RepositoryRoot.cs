namespace Mosaic.Bench.Policy;

internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "mosaic.yaml"))) return dir.FullName;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "mosaic.yaml"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository: mosaic.yaml was not found above here.");
    }
}
