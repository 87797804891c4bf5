namespace Mosaic.Cli.Build;

/// <summary>
/// Remembers when the services were last built successfully, and what was built. When no source
/// file, folder or build setting changed since, the build is skipped: even a no-op <c>dotnet build</c>
/// costs seconds, and <c>mosaic up</c> runs it every time.
/// </summary>
public sealed class BuildStamp(string path, string root)
{
    /// <summary>Files at the root every project reads (build settings, package versions, analyzer rules, SDK pin).</summary>
    private static readonly string[] RootInputs =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", ".editorconfig", "global.json", "NuGet.config", "nuget.config"];

    public string Path { get; } = path;

    /// <summary>True when the last successful build was of <paramref name="what"/> and nothing it reads changed since it started.</summary>
    public bool IsCurrent(string what, IEnumerable<string> outputs)
    {
        if (!File.Exists(Path) || File.ReadAllText(Path) != what) return false;
        if (!outputs.All(File.Exists)) return false;
        var builtAt = File.GetLastWriteTimeUtc(Path);
        return !Inputs().Any(input => input.LastWriteTimeUtc > builtAt);
    }

    /// <summary>Records a successful build that started at <paramref name="startedAt"/>, so edits made during it count as changes.</summary>
    public void Record(string what, DateTime startedAt)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, what);
        File.SetLastWriteTimeUtc(Path, startedAt);
    }

    public void Clear()
    {
        // On a fresh clone neither the stamp nor its folder exists yet; File.Delete only forgives the first.
        if (File.Exists(Path)) File.Delete(Path);
    }

    private IEnumerable<FileSystemInfo> Inputs()
    {
        foreach (var name in RootInputs)
        {
            var file = new FileInfo(System.IO.Path.Combine(root, name));
            if (file.Exists) yield return file;
        }
        var sources = new DirectoryInfo(System.IO.Path.Combine(root, "src"));
        if (!sources.Exists) yield break;
        var pending = new Stack<DirectoryInfo>([sources]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            // A folder's time changes when a file in it is added, removed or renamed.
            yield return folder;
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo child)
                {
                    if (child.Name is not ("bin" or "obj")) pending.Push(child);
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }
}
