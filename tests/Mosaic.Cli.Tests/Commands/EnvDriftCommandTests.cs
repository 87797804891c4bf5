using System.Net;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Slices;
using Mosaic.Cli.Tests.Environments;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

public class EnvDriftCommandTests
{
    private static EnvironmentFixture WithProd()
    {
        var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        Currency: EUR\n  orders:\n    Orders:\n      Limit: 5\n");
        fixture.Write("environments/prod.yaml", "");
        return fixture;
    }

    private static FakeManagementListener Instance(EnvironmentFixture fixture, string service, string environment, string? version) =>
        new(fixture.Workspace.Manifest.GetService(service).Instance(0).ManagementPort, HttpStatusCode.OK,
            version is null ? $$"""{"environment":"{{environment}}"}""" : $$"""{"environment":"{{environment}}","configVersion":"{{version}}"}""");

    [Fact]
    public async Task Drift_exits_0_when_every_instance_runs_the_version_the_repository_renders()
    {
        using var fixture = WithProd();
        using var payments = Instance(fixture, "payments", "prod", EnvironmentSlices.Version(fixture.Root, "prod", "payments", fixture.Variable));
        using var orders = Instance(fixture, "orders", "prod", EnvironmentSlices.Version(fixture.Root, "prod", "orders", fixture.Variable));

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "drift", "--env", "prod"));
        Assert.Contains("every instance of 'prod' runs the configuration 'prod' renders now.", fixture.Output);
    }

    [Fact]
    public async Task Drift_names_each_instance_that_runs_another_version_or_does_not_answer()
    {
        using var fixture = WithProd();
        var before = EnvironmentSlices.Version(fixture.Root, "prod", "payments", fixture.Variable);
        using var payments = Instance(fixture, "payments", "prod", before);
        fixture.Write("environments/prod.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        Currency: CHF\n");
        // orders-0 is not running.

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "drift", "--env", "prod"));

        var output = fixture.Output;
        var after = EnvironmentSlices.Version(fixture.Root, "prod", "payments", fixture.Variable);
        Assert.Matches($@"payments-0\s*│\s*{after}\s*│\s*{before}\s*│\s*drift", output);
        Assert.Matches(@"orders-0\s*│\s*[0-9a-f]{12}\s*│\s*-\s*│\s*unreachable", output);
        Assert.Contains("2 instance(s) of 'prod' do not run the configuration 'prod' renders now", output);
    }

    [Fact]
    public async Task An_instance_of_another_environment_or_without_a_config_version_is_not_in_sync()
    {
        using var fixture = WithProd();
        using var payments = Instance(fixture, "payments", "dev", "abc");
        using var orders = Instance(fixture, "orders", "prod", version: null);

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "drift", "--env", "prod"));

        Assert.Contains("other environment (dev)", fixture.Output);
        Assert.Contains("no configVersion in /info", fixture.Output);
    }
}
