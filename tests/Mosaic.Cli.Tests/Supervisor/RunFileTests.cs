using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Supervisor;

public class RunFileTests
{
    [Fact]
    public void A_record_reads_back_as_written_and_leaves_no_temporary_file()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "run", "up.json");
        var record = new RunRecord("dev", ProcessIdentity.Current(),
        [
            new RecordedInstance("identity", 0, 7100, 7150, new ProcessIdentity(4242, DateTimeOffset.Parse("2026-11-21T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))),
            new RecordedInstance("catalog", 1, 7201, 7251, new ProcessIdentity(4243, DateTimeOffset.Parse("2026-11-21T10:00:01Z", System.Globalization.CultureInfo.InvariantCulture))),
        ]);

        RunFile.Write(path, record);
        RunFile.Write(path, record); // replacing an existing record works too
        var read = RunFile.Read(path);

        Assert.NotNull(read);
        Assert.Equal(record.Environment, read.Environment);
        Assert.Equal(record.Up, read.Up);
        Assert.Equal(record.Instances, read.Instances);
        Assert.Equal(["up.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
    }

    [Fact]
    public void The_profile_and_the_servers_up_started_are_recorded_and_an_older_record_reads_as_embedded()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "up.json");
        RunFile.Write(path, new RunRecord("dev", ProcessIdentity.Current(), [], "production", ["postgresql", "rabbitmq"]));

        var production = RunFile.Read(path)!;
        File.WriteAllText(path, """{ "environment": "dev", "up": { "pid": 1, "startedAt": "2026-11-21T10:00:00Z" }, "instances": [] }""");
        var older = RunFile.Read(path)!;

        Assert.Equal("production", production.Profile);
        Assert.Equal(["postgresql", "rabbitmq"], production.StartedServers);
        Assert.Equal("embedded", older.Profile);
        Assert.Empty(older.StartedServers);
    }

    [Fact]
    public void No_file_means_nothing_is_recorded()
    {
        using var workspace = TempWorkspace.Empty();

        Assert.Null(RunFile.Read(Path.Combine(workspace.Root, "up.json")));
    }

    [Fact]
    public void A_damaged_file_is_reported_as_a_sentence()
    {
        using var workspace = TempWorkspace.Empty();
        var path = Path.Combine(workspace.Root, "up.json");
        File.WriteAllText(path, "{ \"environment\": \"dev\", \"up\": ");

        var error = Assert.Throws<CliException>(() => RunFile.Read(path));

        Assert.Contains("delete it if nothing is running", error.Message);
    }
}
