using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Mosaic.Cli.Supervisor;

/// <summary>
/// A process id together with the time that process started. Process ids are reused, so a recorded
/// pid is only signalled when the process behind it still has the recorded start time: <c>down</c>
/// must never stop an unrelated process that happens to own an old pid.
/// </summary>
public sealed record ProcessIdentity(int Pid, DateTimeOffset StartedAt)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    public static ProcessIdentity Current() => Of(Environment.ProcessId)
        ?? throw new InvalidOperationException("The current process has no start time.");

    /// <summary>The identity of a live process, or null when there is no process with that id.</summary>
    public static ProcessIdentity? Of(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return new ProcessIdentity(pid, new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (ArgumentException)
        {
            return null; // no such process
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null; // it exited while being looked at
        }
    }

    /// <summary>True while this very process (same pid, same start) is running.</summary>
    [JsonIgnore]
    public bool IsAlive =>
        PosixSignals.Exists(Pid) && !IsZombie(Pid) && Of(Pid) is { } now && (now.StartedAt - StartedAt).Duration() <= Tolerance;

    /// <summary>
    /// A process that has exited but not been reaped by its parent still answers signal 0; on Linux its
    /// state in <c>/proc</c> tells it apart. Elsewhere the check is skipped.
    /// </summary>
    private static bool IsZombie(int pid)
    {
        if (!OperatingSystem.IsLinux()) return false;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // gone between the two looks
        }
        // "PID (COMMAND) STATE ...": the command may itself hold spaces and parentheses.
        var close = stat.LastIndexOf(')');
        return close < 0 || close + 2 >= stat.Length || stat[close + 2] is 'Z' or 'X';
    }

    /// <summary>Sends a signal if this process is still the recorded one; false when it is gone.</summary>
    public bool Signal(int signal) => IsAlive && PosixSignals.Send(Pid, signal);
}
