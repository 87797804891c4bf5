using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace Mosaic.Architecture.Tests;

/// <summary>The repository as files: projects, their references, and source.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> SourceProjects() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories);

    public static IReadOnlyList<string> ProjectReferences(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

    public static string Name(string csproj) => Path.GetFileNameWithoutExtension(csproj);

    public static IEnumerable<string> ServiceFolders() =>
        Directory.EnumerateDirectories(Path.Combine(Root, "src", "Services"));

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "mosaic.yaml"))) return dir.FullName;
        throw new InvalidOperationException("Run the architecture tests from inside the repository.");
    }
}
