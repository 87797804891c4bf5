using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.CommandLine;

public class CommandLineTests
{
    [Fact]
    public async Task An_unknown_command_exits_2_with_the_message_and_usage()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("upp");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("Unrecognized command or argument 'upp'", workspace.AllOutput);
        Assert.Contains("Usage:", workspace.AllOutput);
    }

    [Fact]
    public async Task An_unknown_flag_exits_2()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("status", "--verbose-please");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("'--verbose-please'", workspace.AllOutput);
    }

    [Fact]
    public async Task No_command_at_all_exits_2_and_lists_the_commands()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync();

        Assert.Equal(ExitCodes.Usage, exitCode);
        foreach (var command in new[] { "up", "status", "down", "demo", "admin", "bus", "servers" })
            Assert.Contains(command, workspace.AllOutput);
    }

    [Theory]
    [InlineData("Prod")]
    [InlineData("dev/../../etc")]
    [InlineData("1st")]
    public async Task An_environment_name_that_is_not_a_plain_name_is_refused(string environment)
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("down", "--environment", environment);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("is not an environment name", workspace.AllOutput);
        Assert.False(Directory.Exists(Path.Combine(workspace.Root, ".mosaic")));
    }

    [Fact]
    public async Task A_gateway_that_is_not_an_http_url_is_refused()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("demo", "--gateway", "ftp://example.com");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--gateway needs an absolute http://", workspace.AllOutput);
    }

    [Fact]
    public async Task Admin_create_without_an_email_exits_2()
    {
        using var workspace = TempWorkspace.WithServices("identity");

        var exitCode = await workspace.RunAsync("admin", "create");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("email", workspace.AllOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        using var workspace = TempWorkspace.WithServices("a");

        var exitCode = await workspace.RunAsync("up", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("--no-build", workspace.Out.ToString());
        Assert.Contains("--environment", workspace.Out.ToString());
    }

    [Fact]
    public async Task A_missing_manifest_is_one_sentence_and_exit_1()
    {
        using var workspace = TempWorkspace.Empty();

        var exitCode = await workspace.RunAsync("status");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("No manifest at", workspace.Error.ToString());
        Assert.DoesNotContain(" at Mosaic.", workspace.AllOutput); // no stack trace
    }

    [Fact]
    public async Task An_invalid_manifest_shows_what_to_fix()
    {
        using var workspace = TempWorkspace.Empty();
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "mosaic.yaml"), """
            services:
              a: { project: src/a, port: 7000, managementPort: 7001 }
              b: { project: src/b, port: 7000, managementPort: 7002 }
            """, TestContext.Current.CancellationToken);

        var exitCode = await workspace.RunAsync("up", "--no-build", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("port 7000 is used by both", workspace.Error.ToString());
    }

    [Fact]
    public void An_unexpected_failure_is_one_sentence_pointing_at_the_details()
    {
        using var workspace = TempWorkspace.Empty();
        var log = Path.Combine(workspace.Root, ".mosaic", "mosaic-cli.log");

        var exitCode = CrashReport.Handle(new InvalidOperationException("the flux capacitor broke"), workspace.Output, log);

        Assert.Equal(ExitCodes.Failure, exitCode);
        var shown = workspace.Error.ToString().Trim();
        Assert.Contains("the flux capacitor broke", shown);
        Assert.Contains(log, shown);
        Assert.DoesNotContain("\n", shown);
        Assert.Contains("System.InvalidOperationException: the flux capacitor broke", File.ReadAllText(log));
    }
}
