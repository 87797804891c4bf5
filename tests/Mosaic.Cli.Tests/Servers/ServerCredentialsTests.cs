using Mosaic.Cli.Commands.Servers;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Tests.Servers;

public class ServerCredentialsTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Generated_passwords_are_kept_in_a_file_only_its_owner_can_read_and_stay_the_same()
    {
        var folder = Directory.CreateTempSubdirectory("mosaic-credentials-test-").FullName;
        try
        {
            var path = Path.Combine(folder, "servers", "credentials.json");

            var first = ServerCredentials.Open(path);
            var catalog = first.ServiceRole("catalog");
            var superuser = first.PostgresSuperuser;
            var reopened = ServerCredentials.Open(path);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(catalog, reopened.ServiceRole("catalog"));
            Assert.Equal(superuser, reopened.PostgresSuperuser);
            Assert.NotEqual(catalog, reopened.ServiceRole("orders"));
            Assert.Matches("^[A-Za-z0-9]{32}$", catalog);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_export_lines_for_the_tests_survive_any_character_in_the_value()
    {
        var line = ServersEnvCommand.Export("MOSAIC_TEST_POSTGRES", "Host=h;Password=it's $HOME");

        Assert.Equal("export MOSAIC_TEST_POSTGRES='Host=h;Password=it'\\''s $HOME'", line);
    }
}
