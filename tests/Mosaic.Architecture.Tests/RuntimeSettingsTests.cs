using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mosaic.Architecture.Tests;

/// <summary>How every service's runtime is set up, read from its project as the build evaluates it.</summary>
public partial class RuntimeSettingsTests
{
    public static TheoryData<string> ServiceProjects() =>
        new(ProjectLine().Matches(File.ReadAllText(Path.Combine(Repository.Root, "mosaic.yaml"))).Select(m => m.Groups[1].Value));

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public async Task Every_service_runs_with_thread_pool_spinning_off(string project)
    {
        var (exitCode, output) = await Dotnet.RunAsync(Repository.Root, "msbuild", project, "-getItem:RuntimeHostConfigurationOption");
        Assert.True(exitCode == 0, output);

        var options = JsonDocument.Parse(output).RootElement.GetProperty("Items").GetProperty("RuntimeHostConfigurationOption").EnumerateArray();
        var spinLimit = Assert.Single(options, o => o.GetProperty("Identity").GetString() == "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit");
        Assert.Equal("0", spinLimit.GetProperty("Value").GetString());
    }

    [GeneratedRegex(@"^\s+project:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
