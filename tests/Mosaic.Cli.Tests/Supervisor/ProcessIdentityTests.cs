using System.Diagnostics;
using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Tests.Supervisor;

public class ProcessIdentityTests
{
    [Fact]
    public void The_current_process_is_alive()
    {
        Assert.True(ProcessIdentity.Current().IsAlive);
    }

    [Fact]
    public void A_reused_pid_with_another_start_time_is_not_the_recorded_process()
    {
        var current = ProcessIdentity.Current();
        var recordedEarlier = current with { StartedAt = current.StartedAt.AddMinutes(-5) };

        Assert.False(recordedEarlier.IsAlive);
        Assert.False(recordedEarlier.Signal(PosixSignals.Terminate)); // and so it is never signalled
    }

    [Fact]
    public async Task A_process_that_exited_is_not_alive()
    {
        using var process = Process.Start(new ProcessStartInfo("sleep", ["600"]))!;
        var identity = ProcessIdentity.Of(process.Id);
        Assert.True(identity?.IsAlive);
        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(identity);
        Assert.False(identity.IsAlive);
    }
}
