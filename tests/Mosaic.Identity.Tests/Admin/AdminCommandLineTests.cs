using Mosaic.Identity.Admin;

namespace Mosaic.Identity.Tests.Admin;

public sealed class AdminCommandLineTests
{
    [Fact]
    public void Reads_email_password_and_display_name_in_both_option_spellings()
    {
        Assert.Equal(new AdminCommandLine("a@example.com", "pw", "Ann"),
            AdminCommandLine.Parse(["admin", "create", "a@example.com", "--password", "pw", "--display-name", "Ann"]).Command);
        Assert.Equal(new AdminCommandLine("a@example.com", "p=w", null),
            AdminCommandLine.Parse(["admin", "create", "a@example.com", "--password=p=w"]).Command);
        Assert.Equal(new AdminCommandLine("a@example.com", null, null),
            AdminCommandLine.Parse(["admin", "create", "a@example.com"]).Command);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin delete a@example.com")]
    [InlineData("admin create --password pw")]
    [InlineData("admin create a@example.com --password")]
    [InlineData("admin create a@example.com --role admin")]
    [InlineData("admin create a@example.com --password x --password y")]
    public void Says_what_is_wrong_with_a_bad_command_line(string line)
    {
        var (command, problem) = AdminCommandLine.Parse(line.Split(' '));
        Assert.Null(command);
        Assert.Contains("Usage: Mosaic.Identity admin create EMAIL", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_an_admin_first_argument_selects_the_tool_mode()
    {
        Assert.True(AdminCommandLine.IsRequested(["admin", "create", "a@example.com"]));
        Assert.False(AdminCommandLine.IsRequested([]));
        Assert.False(AdminCommandLine.IsRequested(["--Mosaic:Port=5000"]));
    }
}
