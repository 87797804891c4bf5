using System.Runtime.InteropServices;

namespace Mosaic.Cli.Supervisor;

/// <summary>
/// Sends signals to other processes. .NET has no managed way to send SIGTERM (<c>Process.Kill</c> is
/// SIGKILL), and SIGTERM is what lets a service drain its requests and close its database.
/// </summary>
internal static partial class PosixSignals
{
    public const int Terminate = 15;
    public const int Kill = 9;

    /// <summary>Freezes a process where it is (it cannot be caught); <see cref="Continue"/> resumes it. Linux numbering.</summary>
    public const int Stop = 19;

    public const int Continue = 18;
    private const int NoSuchProcess = 3; // ESRCH, the same on Linux and macOS

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Send(int pid, int signal)
    {
        if (pid <= 0) throw new ArgumentOutOfRangeException(nameof(pid), pid, "Signals go to one process, never to a group.");
        if (NativeMethods.kill(pid, signal) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"Sending signal {signal} to process {pid} failed ({Marshal.GetPInvokeErrorMessage(errno)}).");
    }

    /// <summary>Signal 0 delivers nothing and only checks that the process exists.</summary>
    public static bool Exists(int pid) =>
        pid > 0 && (NativeMethods.kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess);

    private static partial class NativeMethods
    {
        [LibraryImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial int kill(int pid, int sig);
    }
}
