using Mosaic.Cli.Supervisor;

namespace Mosaic.Cli.Tests.Supervisor;

public sealed class ChildProcessTests
{
    [Fact]
    public async Task A_service_process_inherits_no_environment_key_but_gets_its_own_variables()
    {
        var folder = Directory.CreateTempSubdirectory("mosaic-child-").FullName;
        const string Variable = "MOSAIC_ENV_KEY_CHILDTEST";
        Environment.SetEnvironmentVariable(Variable, "a2V5LW9mLXRoZS13aG9sZS1lbnZpcm9ubWVudA==");
        try
        {
            var log = Path.Combine(folder, "child.log");
            using var child = ChildProcess.Start(new LaunchSpec("/bin/sh", ["-c", "env"],
                new Dictionary<string, string> { ["Mosaic__ConfigSlice"] = "/slice.json" }, folder, log));

            Assert.Equal(0, await child.Exited.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
            var environment = await File.ReadAllTextAsync(log, TestContext.Current.CancellationToken);
            Assert.Contains("Mosaic__ConfigSlice=/slice.json", environment, StringComparison.Ordinal);
            Assert.DoesNotContain(Variable, environment, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
            Directory.Delete(folder, recursive: true);
        }
    }
}
