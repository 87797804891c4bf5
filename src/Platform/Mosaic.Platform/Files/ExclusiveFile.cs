using System.Runtime.InteropServices;

namespace Mosaic.Platform.Files;

/// <summary>
/// Puts a fully written file in place only if nothing is there yet, in one step, for files several
/// processes may create at once (a signing key, an environment key). File.Move(overwrite: false) is
/// not that on Unix: it checks, then renames, and two racers can both "win", the second replacing a
/// key the first is already using. link(2) fails with EEXIST instead.
/// </summary>
public static class ExclusiveFile
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <summary>True when <paramref name="written"/> became <paramref name="path"/>; false when another process's file was there first. The written file is removed either way.</summary>
    public static bool TryPublish(string written, string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                try
                {
                    File.Move(written, path, overwrite: false);
                    return true;
                }
                catch (IOException) when (File.Exists(path))
                {
                    return false;
                }
            }
            if (Link(written, path) == 0) return true;
            var error = Marshal.GetLastPInvokeError();
            if (error == AlreadyExists) return false;
            throw new IOException($"Could not put {path} in place (errno {error}).");
        }
        finally
        {
            if (File.Exists(written)) File.Delete(written);
        }
    }

    // DllImport rather than LibraryImport, which would need unsafe code enabled for the whole platform. ANSI is UTF-8 on Unix.
    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Link(string existing, string created);
}
