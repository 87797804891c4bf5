using System.Diagnostics;

namespace Mosaic.Cli.Supervisor;

/// <summary>How a child ended when asked to stop.</summary>
public enum StopOutcome
{
    AlreadyExited,
    Terminated,
    Killed,
}

/// <summary>One started instance process, writing straight into its log file.</summary>
public sealed class ChildProcess : IDisposable
{
    // A tiny shell prologue, then exec: the pid stays the program's own. The child writes its log
    // itself (append), so nothing is lost and nothing blocks when the supervisor is busy or gone.
    // Ctrl+C reaches every process of the terminal's foreground group; ignoring SIGINT/SIGQUIT here
    // (inherited through exec, and honoured by .NET) leaves stopping to the supervisor, which stops
    // services in reverse dependency order with SIGTERM.
    private const string Prologue = """trap '' INT QUIT; log=$1; shift; exec "$@" </dev/null >>"$log" 2>&1""";

    private readonly Process _process;

    private ChildProcess(Process process, DateTimeOffset startedAt)
    {
        _process = process;
        Identity = new ProcessIdentity(process.Id, startedAt);
        Exited = WaitForExitCodeAsync(process);
    }

    public ProcessIdentity Identity { get; }

    public int Pid => Identity.Pid;

    /// <summary>Completes with the exit code when the process ends (128 + n when signal n ended it).</summary>
    public Task<int> Exited { get; }

    public static ChildProcess Start(LaunchSpec spec)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.LogPath))!);
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory,
        };
        foreach (var argument in (string[])["-c", Prologue, "mosaic-child", spec.LogPath, spec.FileName, .. spec.Arguments])
            info.ArgumentList.Add(argument);
        Workspace.ServiceEnvironment.WithoutEnvironmentKeys(info.Environment);
        foreach (var (name, value) in spec.Environment)
            info.Environment[name] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Starting {spec.FileName} returned no process.");
        var startedAt = ProcessIdentity.Of(process.Id)?.StartedAt ?? DateTimeOffset.UtcNow;
        return new ChildProcess(process, startedAt);
    }

    /// <summary>SIGTERM, then SIGKILL if the process is still there after <paramref name="grace"/>.</summary>
    public async Task<StopOutcome> StopAsync(TimeSpan grace, TimeProvider time)
    {
        if (Exited.IsCompleted || !PosixSignals.Send(Pid, PosixSignals.Terminate))
        {
            await Exited;
            return StopOutcome.AlreadyExited;
        }
        try
        {
            await Exited.WaitAsync(grace, time);
            return StopOutcome.Terminated;
        }
        catch (TimeoutException)
        {
            _process.Kill();
            await Exited;
            return StopOutcome.Killed;
        }
    }

    /// <summary>Ends the process at once (SIGKILL), for a second Ctrl+C.</summary>
    public void Kill()
    {
        if (!Exited.IsCompleted) _process.Kill();
    }

    public void Dispose() => _process.Dispose();

    private static async Task<int> WaitForExitCodeAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }
}
