using System.Diagnostics;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Environments;

namespace Mosaic.Cli.Tests.Commands;

public class EnvHistoryCommandTests
{
    private static void Git(string root, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", "user.name=Alice Admin", "-c", "user.email=alice@example.com", "-c", "commit.gpgsign=false" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }

    private static void Commit(EnvironmentFixture fixture, string subject)
    {
        Git(fixture.Root, "add", "-A", "environments");
        Git(fixture.Root, "commit", "-q", "-m", subject);
    }

    [Fact]
    public async Task History_lists_each_commit_that_changed_the_effective_value_and_only_says_a_secret_changed()
    {
        using var fixture = new EnvironmentFixture();
        Git(fixture.Root, "init", "-q");
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "");
        fixture.GiveKey("prod");
        fixture.SetSecret("prod", "provider-key", "first-value");
        Commit(fixture, "Environments for payments");
        fixture.Write("environments/prod.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        MaxAttempts: 7\n");
        Commit(fixture, "More attempts in prod");
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base.Replace("currency: EUR", "currency: CHF", StringComparison.Ordinal));
        fixture.SetSecret("prod", "provider-key", "second-value");
        Commit(fixture, "Francs, and a new provider key");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "history", "payments:Payments:Provider:MaxAttempts", "--env", "prod"));
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "history", "shared.currency", "--env", "prod"));
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "history", "secret.provider-key", "--env", "prod"));

        var lines = fixture.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}  Alice Admin  [0-9a-f]{7}  Environments for payments: \(not set\) → 3$", lines[0]);
        Assert.EndsWith("  More attempts in prod: 3 → 7", lines[1]);
        Assert.EndsWith("  Environments for payments: (not set) → EUR", lines[2]);
        Assert.EndsWith("  Francs, and a new provider key: EUR → CHF", lines[3]);
        Assert.EndsWith("  Environments for payments: secret set", lines[4]);
        Assert.EndsWith("  Francs, and a new provider key: secret changed", lines[5]);
        Assert.DoesNotContain("value", fixture.Output);
    }

    [Fact]
    public async Task History_outside_a_git_repository_says_so()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "history", "shared.currency", "--env", "base"));
        Assert.Contains("is not a git repository: env history reads the commits that touched environments/", fixture.Output);
    }

    [Fact]
    public async Task A_key_that_is_not_service_shared_or_secret_is_explained()
    {
        using var fixture = new EnvironmentFixture();

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "history", "MaxAttempts"));
        Assert.Contains("'MaxAttempts' is not a key env history follows: use service:Section:Key, shared.NAME or secret.NAME.", fixture.Output);
    }
}
