using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mosaic.Cli.Load.Scheduling;

/// <summary>
/// Sleeps until an absolute <see cref="Stopwatch"/> timestamp. Thread.Sleep only knows whole
/// milliseconds and sleeps relative to "now", so each wake would land anywhere in the tick and add
/// up to a tick of lateness to every latency; clock_nanosleep on the monotonic clock (the one
/// Stopwatch reads on Linux) with TIMER_ABSTIME wakes within the kernel's timer slack of the tick.
/// </summary>
public static partial class TickClock
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int Interrupted = 4; // EINTR

    public static bool IsPrecise { get; } = OperatingSystem.IsLinux();

    public static void SleepUntil(long timestamp)
    {
        if (!IsPrecise)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            Thread.Sleep(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            return;
        }

        var nanoseconds = (long)((Int128)timestamp * 1_000_000_000 / Stopwatch.Frequency);
        var until = new Timespec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        while (ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in until, IntPtr.Zero) == Interrupted)
        {
            // a signal woke the thread early; the deadline is absolute, so just sleep again
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_nanosleep")]
    private static partial int ClockNanosleep(int clock, int flags, in Timespec request, IntPtr remaining);
}
