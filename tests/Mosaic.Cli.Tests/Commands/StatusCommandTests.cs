using System.Net;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

public class StatusCommandTests
{
    [Fact]
    public async Task Every_instance_is_listed_and_the_exit_code_says_whether_all_are_ready()
    {
        using var workspace = TempWorkspace.WithServices("identity", "catalog:2:identity");
        var manifest = workspace.Manifest;
        var identity = manifest.GetService("identity").Instance(0);
        var catalog0 = manifest.GetService("catalog").Instance(0);
        using var ready = new FakeManagementListener(identity.ManagementPort, HttpStatusCode.OK,
            """{"service":"identity","environment":"test","version":"1.2.3","uptimeSeconds":125,"processId":4321}""");
        using var starting = new FakeManagementListener(catalog0.ManagementPort, HttpStatusCode.ServiceUnavailable,
            """{"service":"catalog","environment":"test","version":"1.2.3","uptimeSeconds":1,"processId":4322}""");
        // catalog-1 has nothing on its port: down.

        var exitCode = await workspace.RunAsync("status", "--environment", "test", "--json");

        Assert.Equal(ExitCodes.Failure, exitCode);
        using var json = JsonDocument.Parse(workspace.Out.ToString());
        var rows = json.RootElement.EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetString(), State: r.GetProperty("state").GetString(), Row: r))
            .ToList();
        Assert.Equal(["identity-0", "catalog-0", "catalog-1"], rows.Select(r => r.Id));
        Assert.Equal(["Ready", "NotReady", "Down"], rows.Select(r => r.State));
        Assert.Equal("1.2.3", rows[0].Row.GetProperty("version").GetString());
        Assert.Equal(125, rows[0].Row.GetProperty("uptimeSeconds").GetDouble());
        Assert.Equal(4321, rows[0].Row.GetProperty("pid").GetInt32());
        Assert.Equal("catalog", rows[2].Row.GetProperty("service").GetString());
        Assert.Equal(1, rows[2].Row.GetProperty("instance").GetInt32());
        Assert.Equal(identity.Port, rows[0].Row.GetProperty("port").GetInt32());
    }

    [Fact]
    public async Task The_table_shows_ready_and_the_exit_code_is_0_when_all_are()
    {
        using var workspace = TempWorkspace.WithServices("identity");
        var identity = workspace.Manifest.GetService("identity").Instance(0);
        using var ready = new FakeManagementListener(identity.ManagementPort, HttpStatusCode.OK,
            """{"service":"identity","environment":"test","version":"0.1.0","uptimeSeconds":3725,"processId":99}""");

        var exitCode = await workspace.RunAsync("status", "-e", "test");

        Assert.Equal(ExitCodes.Success, exitCode);
        var table = workspace.Out.ToString();
        Assert.Contains("identity-0", table);
        Assert.Contains("ready", table);
        Assert.Contains("1h 2m", table);
        Assert.Contains($"{identity.ManagementPort}", table);
        Assert.Contains("1 of 1 instances ready in 'test'; mosaic up is not running.", table);
    }

    [Fact]
    public async Task Each_instance_shows_the_database_and_transport_its_info_reports()
    {
        using var workspace = TempWorkspace.WithServices("catalog", "gateway");
        var catalog = workspace.Manifest.GetService("catalog").Instance(0);
        var gateway = workspace.Manifest.GetService("gateway").Instance(0);
        using var onPostgres = new FakeManagementListener(catalog.ManagementPort, HttpStatusCode.OK,
            """{"environment":"test","database":{"provider":"postgresql","location":"127.0.0.1:55432/mosaic_test_catalog"},"messaging":{"transport":"rabbitmq"}}""");
        using var noData = new FakeManagementListener(gateway.ManagementPort, HttpStatusCode.OK, """{"environment":"test"}""");

        await workspace.RunAsync("status", "-e", "test", "--json");

        using var json = JsonDocument.Parse(workspace.Out.ToString());
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal("postgresql", rows[0].GetProperty("database").GetProperty("provider").GetString());
        Assert.Equal("127.0.0.1:55432/mosaic_test_catalog", rows[0].GetProperty("database").GetProperty("location").GetString());
        Assert.Equal("rabbitmq", rows[0].GetProperty("transport").GetString());
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("database").ValueKind);

        await workspace.RunAsync("status", "-e", "test");

        Assert.Contains("postgresql 127.0.0.1:55432/mosaic_test_catalog", workspace.Out.ToString());
    }

    [Fact]
    public async Task An_instance_of_another_environment_on_the_same_port_does_not_count_as_ready()
    {
        using var workspace = TempWorkspace.WithServices("identity");
        var identity = workspace.Manifest.GetService("identity").Instance(0);
        using var other = new FakeManagementListener(identity.ManagementPort, HttpStatusCode.OK,
            """{"service":"identity","environment":"dev","version":"0.1.0","uptimeSeconds":5,"processId":99}""");

        var exitCode = await workspace.RunAsync("status", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("other environment", workspace.Out.ToString());
    }

    [Fact]
    public async Task Nothing_running_exits_1_with_every_instance_down()
    {
        using var workspace = TempWorkspace.WithServices("a", "b:2");

        var exitCode = await workspace.RunAsync("status", "-e", "test");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal(3, workspace.Out.ToString().Split('\n').Count(l => l.Contains("down", StringComparison.Ordinal)));
        Assert.Contains("0 of 3 instances ready", workspace.Out.ToString());
    }
}
