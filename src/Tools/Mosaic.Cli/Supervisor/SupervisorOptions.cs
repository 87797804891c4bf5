namespace Mosaic.Cli.Supervisor;

/// <summary>The supervisor's bounds.</summary>
public sealed class SupervisorOptions
{
    /// <summary>How long a service may take from start to ready before <c>up</c> gives up on it.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often readiness is asked while waiting.</summary>
    public TimeSpan ReadyPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long an instance may drain after SIGTERM before it is killed (above the services' own 15 s drain bound).</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How many log lines a crash report shows.</summary>
    public int CrashLogLines { get; init; } = 10;

    public Func<RestartBackoff> Backoff { get; init; } = RestartBackoff.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
