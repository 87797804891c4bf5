namespace Mosaic.EndToEnd.Tests;

/// <summary><c>./mosaic down</c> stops what <c>./mosaic up</c> started and leaves no process behind.</summary>
public class ShutdownTests
{
    [Fact]
    public async Task Down_stops_every_process_that_up_started()
    {
        var system = new MosaicSystem();
        await system.InitializeAsync();
        try
        {
            Assert.NotEmpty(system.ProcessesOfThisEnvironment());

            var (exitCode, output) = await MosaicSystem.RunAsync("down", "--environment", system.Environment);

            Assert.True(exitCode == 0, output);
            Assert.True(system.UpProcess.WaitForExit(TimeSpan.FromSeconds(30)), "./mosaic up did not exit after down.");
            Assert.Equal(0, system.UpProcess.ExitCode);
            Assert.Empty(system.ProcessesOfThisEnvironment());
            var (statusCode, _) = await MosaicSystem.RunAsync("status", "--environment", system.Environment);
            Assert.NotEqual(0, statusCode);
        }
        finally
        {
            await system.DisposeAsync();
        }
    }
}
