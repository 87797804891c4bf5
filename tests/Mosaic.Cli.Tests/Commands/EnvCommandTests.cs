using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Environments;

namespace Mosaic.Cli.Tests.Commands;

public class EnvCommandTests
{
    [Fact]
    public async Task Validate_prints_each_problem_as_file_line_code_message_and_exits_1()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/dev.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        MaxAttempt: 4\n");

        var exitCode = await fixture.RunAsync("env", "validate");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.DoesNotContain("secret-not-set", fixture.Output); // base is checked through dev, whose secrets are made on demand
        Assert.Contains("environments/dev.yaml:5: unknown-key Payments:Provider:MaxAttempt is not a key of payments's configuration; did you mean MaxAttempts?", fixture.Output);
        Assert.Contains("'dev': 1 error(s), 0 warning(s).", fixture.Output);
        Assert.Contains("1 error(s) in 'dev': fix each line above and run ./mosaic env validate again.", fixture.Output);
    }

    [Fact]
    public async Task Validate_of_one_valid_environment_exits_0()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/dev.yaml", "");
        fixture.Write("environments/broken.yaml", "services: [");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "validate", "--env", "dev"));
        Assert.DoesNotContain("broken", fixture.Output);
    }

    [Fact]
    public async Task Render_shows_the_services_keys_with_secrets_as_stars_and_never_their_values()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "");
        fixture.GiveKey("prod");
        fixture.SetSecret("prod", "provider-key", "pk-very-secret");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "render", "--env", "prod", "--service", "payments"));
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "render", "--env", "prod", "--service", "payments", "--json"));

        var output = fixture.Workspace.Out.ToString();
        Assert.Contains("  Payments:Provider:ApiKey = ***", output);
        Assert.Contains("  Payments:Provider:Currency = EUR", output);
        Assert.DoesNotContain("pk-very-secret", fixture.Output);
        using var json = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        Assert.Equal("***", json.RootElement.GetProperty("values").GetProperty("Payments:Provider:ApiKey").GetString());
        Assert.Equal("3", json.RootElement.GetProperty("values").GetProperty("Payments:Provider:MaxAttempts").GetString());
        Assert.Equal(["Payments:Provider:ApiKey"], json.RootElement.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Render_needs_no_key_because_it_shows_secrets_only_as_stars()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "");
        fixture.Write("environments/secrets/prod.yaml", "provider-key: v1:AAAA\n");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "render", "--env", "prod", "--service", "payments"));
        Assert.Contains("Payments:Provider:ApiKey = ***", fixture.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("v1:AAAA", fixture.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_are_set_from_stdin_listed_by_name_revealed_only_by_get_and_rotated_silently()
    {
        using var fixture = new EnvironmentFixture();
        fixture.GiveKey("prod");
        fixture.Workspace.StandardInput = "from-stdin\n";

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "secret", "set", "provider-key", "--env", "prod"));
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "secret", "set", "other", "--env", "prod", "--generate"));
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "secret", "list", "--env", "prod"));
        Assert.DoesNotContain("from-stdin", fixture.Output);
        Assert.Contains("other\nprovider-key\n", fixture.Workspace.Out.ToString());
        var store = fixture.Read("environments/secrets/prod.yaml");
        Assert.StartsWith("# Secrets of the 'prod' environment", store);
        Assert.DoesNotContain("from-stdin", store);

        fixture.ClearOutput();
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "secret", "get", "provider-key", "--env", "prod"));
        Assert.Equal("from-stdin", fixture.Workspace.Out.ToString().Trim());

        fixture.ClearOutput();
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "secret", "rotate", "provider-key", "--env", "prod"));
        Assert.DoesNotContain("from-stdin", fixture.Output);
        await fixture.RunAsync("env", "secret", "get", "provider-key", "--env", "prod");
        var rotated = fixture.Workspace.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Matches("^[A-Za-z0-9_-]{43}$", rotated);
        Assert.DoesNotContain(rotated, fixture.Read("environments/secrets/prod.yaml"));
    }

    [Fact]
    public async Task A_secret_set_under_one_key_does_not_read_under_another()
    {
        using var fixture = new EnvironmentFixture();
        fixture.GiveKey("prod");
        fixture.Workspace.StandardInput = "value";
        await fixture.RunAsync("env", "secret", "set", "provider-key", "--env", "prod");
        fixture.GiveKey("prod");

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "secret", "get", "provider-key", "--env", "prod"));
        Assert.Contains("secret 'provider-key' of 'prod' does not decrypt: the key is wrong", fixture.Output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Key_create_writes_an_owner_only_key_once_and_refuses_to_replace_it()
    {
        using var fixture = new EnvironmentFixture(withSchemas: false);
        var path = Path.Combine(fixture.Root, ".mosaic/keys/prod.key");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "key", "create", "--env", "prod"));
        var key = File.ReadAllText(path);
        Assert.Equal(32, Convert.FromBase64String(key.Trim()).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Contains($"wrote the key for 'prod' to {path}", fixture.Output);
        Assert.Contains("keep a copy outside the repository", fixture.Output);

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "key", "create", "--env", "prod"));
        Assert.Contains("already exists", fixture.Output);
        Assert.Equal(key, File.ReadAllText(path));
    }

    [Fact]
    public async Task Commands_that_need_an_environment_or_a_service_are_usage_errors_without_one()
    {
        using var fixture = new EnvironmentFixture(withSchemas: false);

        Assert.Equal(ExitCodes.Usage, await fixture.RunAsync("env", "render", "--env", "dev"));
        Assert.Equal(ExitCodes.Usage, await fixture.RunAsync("env", "secret", "get", "x"));
        Assert.Equal(ExitCodes.Usage, await fixture.RunAsync("env", "secret", "set", "not/a name", "--env", "dev"));
        Assert.Equal(ExitCodes.Usage, await fixture.RunAsync("env", "diff", "dev"));
    }

    [Fact]
    public async Task Schema_export_of_a_service_that_is_not_built_says_how_to_build_it()
    {
        using var fixture = new EnvironmentFixture(withSchemas: false);

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "schema", "--no-build"));

        Assert.Matches(@"is not built \(.*\.dll is missing\): run \./mosaic env schema without --no-build\.", fixture.Output);
        Assert.False(Directory.Exists(Path.Combine(fixture.Root, "contracts")));
    }
}
