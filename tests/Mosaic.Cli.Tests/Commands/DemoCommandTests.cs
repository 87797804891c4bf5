using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

public class DemoCommandTests
{
    [Fact]
    public async Task A_system_that_is_not_running_gets_one_sentence_saying_how_to_start_it()
    {
        using var workspace = TempWorkspace.WithServices("a");
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";

        var exitCode = await workspace.RunAsync("demo", "--gateway", nobody);

        Assert.Equal(ExitCodes.Failure, exitCode);
        var error = workspace.Error.ToString().Trim();
        Assert.StartsWith($"Nothing answers at {nobody}", error);
        Assert.EndsWith("start the system with ./mosaic up.", error);
    }
}
