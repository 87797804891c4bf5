namespace Mosaic.Cli.Servers;

/// <summary>Files holding secrets: created readable and writable by their owner only, before a byte is written.</summary>
public static class PrivateFile
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Write(string path, string contents)
    {
        File.Delete(path);
        WriteNew(path, contents);
    }

    /// <summary>Replaces the file in one step (a temporary file renamed over it): a reader sees the old contents or the new, never a part.</summary>
    public static void Replace(string path, string contents)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        WriteNew(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Creates the file only if there is none, in one step; false when another process got there first.</summary>
    public static bool TryCreate(string path, string contents)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        WriteNew(temporary, contents);
        return Mosaic.Platform.Files.ExclusiveFile.TryPublish(temporary, path);
    }

    /// <summary>
    /// Holds an exclusive lock on <paramref name="path"/> (created if needed) until disposed, so that
    /// processes doing read-then-write on the same files take turns.
    /// </summary>
    public static IDisposable Lock(string path, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
                return new FileStream(path, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static void WriteNew(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
