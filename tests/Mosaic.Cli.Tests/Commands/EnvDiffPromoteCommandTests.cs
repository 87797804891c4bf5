using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Environments;

namespace Mosaic.Cli.Tests.Commands;

public class EnvDiffPromoteCommandTests
{
    private const string Staging = """
        # staging: the payment provider's sandbox
        services:
          payments:
            Payments:
              Provider:
                MaxAttempts: 5   # the sandbox is flaky
                Mode: Sandbox
        """;

    private static EnvironmentFixture WithStagingAndProd()
    {
        var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/staging.yaml", Staging);
        fixture.Write("environments/prod.yaml", """
            # prod: real money
            services:
              payments:
                Payments:
                  Provider:
                    Timeout: 00:00:30
            """);
        fixture.GiveKey("staging");
        fixture.GiveKey("prod");
        return fixture;
    }

    [Fact]
    public async Task Diff_lists_added_removed_and_changed_keys_per_service_and_compares_secrets_without_showing_them()
    {
        using var fixture = WithStagingAndProd();
        fixture.SetSecret("staging", "provider-key", "same-value");
        fixture.SetSecret("prod", "provider-key", "same-value");
        fixture.SetSecret("staging", "orders-signing", "staging-signing");
        fixture.SetSecret("prod", "orders-signing", "prod-signing");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "diff", "staging", "prod"));

        Assert.Equal("""
            orders:
              ~ Orders:SigningKey: secret, different
            payments:
              ~ Payments:Provider:MaxAttempts: 5 → 3
              - Payments:Provider:Mode: Sandbox
              + Payments:Provider:Timeout: 00:00:30

            """.ReplaceLineEndings("\n"), fixture.Output);
    }

    [Fact]
    public async Task Diff_says_a_secret_was_not_compared_when_a_key_is_missing_and_a_service_filter_narrows_it()
    {
        using var fixture = WithStagingAndProd();
        fixture.SetSecret("staging", "provider-key", "value");
        fixture.SetSecret("prod", "provider-key", "value");
        fixture.Variables.Remove("MOSAIC_ENV_KEY_PROD");

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "diff", "staging", "prod", "--service", "payments"));

        Assert.Contains("? Payments:Provider:ApiKey: secret, not compared: no key for 'prod'", fixture.Output);
        Assert.DoesNotContain("orders", fixture.Output);
        Assert.DoesNotContain("value", fixture.Output.Replace("values", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Promote_writes_the_values_into_the_overlay_keeping_its_comments_and_then_diff_shows_no_difference()
    {
        using var fixture = WithStagingAndProd();

        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "promote", "staging", "prod", "--service", "payments", "--key", "Payments:Provider:MaxAttempts"));

        Assert.Contains("environments/prod.yaml: services.payments.Payments.Provider.MaxAttempts: 3 → 5", fixture.Output);
        Assert.Contains("review them with git diff", fixture.Output);
        Assert.Equal("""
            # prod: real money
            services:
              payments:
                Payments:
                  Provider:
                    Timeout: 00:00:30
                    MaxAttempts: 5

            """.ReplaceLineEndings("\n"), fixture.Read("environments/prod.yaml").ReplaceLineEndings("\n"));

        fixture.ClearOutput();
        await fixture.RunAsync("env", "diff", "staging", "prod", "--service", "payments");
        Assert.DoesNotContain("MaxAttempts", fixture.Output);
        Assert.Contains("- Payments:Provider:Mode: Sandbox", fixture.Output);

        fixture.ClearOutput();
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "promote", "staging", "prod", "--key", "Payments:Provider:MaxAttempts"));
        Assert.Contains("nothing to promote: 'prod' already has 'staging''s values", fixture.Output);
    }

    [Fact]
    public async Task Promote_replaces_a_value_in_place_and_adds_missing_levels_with_the_files_indentation()
    {
        using var fixture = WithStagingAndProd();
        fixture.Write("environments/prod.yaml", """
            # prod
            services:
                payments:
                    Payments:
                        Provider:
                            Mode: Live      # real money
                            Timeout: 00:00:30
            # end of prod
            """);
        fixture.SetSecret("staging", "provider-key", "pk");
        fixture.SetSecret("staging", "orders-signing", "os");
        fixture.Write("environments/staging.yaml", Staging + "\n        Hosts: [a.example, b.example]\n  orders:\n    Orders:\n      Limit: 9\n");

        var exitCode = await fixture.RunAsync("env", "promote", "staging", "prod");

        Assert.True(exitCode == ExitCodes.Success, fixture.Output);

        var prod = fixture.Read("environments/prod.yaml").ReplaceLineEndings("\n");
        Assert.Equal("""
            # prod
            services:
                payments:
                    Payments:
                        Provider:
                            Mode: Sandbox      # real money
                            Timeout: 00:00:30
                            MaxAttempts: 5
                            Hosts: [a.example, b.example]
                orders:
                  Orders:
                    Limit: 9
            # end of prod
            """, prod);
        fixture.ClearOutput();
        await fixture.RunAsync("env", "diff", "staging", "prod");
        Assert.Equal("payments:\n  + Payments:Provider:Timeout: 00:00:30\n", fixture.Output);
    }

    [Fact]
    public async Task Promote_re_encrypts_a_secret_into_the_targets_store_and_needs_both_keys()
    {
        using var fixture = WithStagingAndProd();
        fixture.SetSecret("staging", "provider-key", "staging-provider-key");
        fixture.Variables.Remove("MOSAIC_ENV_KEY_PROD");

        Assert.Equal(ExitCodes.Failure, await fixture.RunAsync("env", "promote", "staging", "prod", "--key", "Payments:Provider:ApiKey"));
        Assert.Contains("no key for 'prod': set MOSAIC_ENV_KEY_PROD", fixture.Output);
        Assert.False(File.Exists(Path.Combine(fixture.Root, "environments/secrets/prod.yaml")));

        fixture.GiveKey("prod");
        fixture.ClearOutput();
        Assert.Equal(ExitCodes.Success, await fixture.RunAsync("env", "promote", "staging", "prod", "--key", "Payments:Provider:ApiKey"));

        Assert.Contains("environments/secrets/prod.yaml: secret provider-key: (not set) → secret re-encrypted from 'staging'", fixture.Output);
        Assert.DoesNotContain("staging-provider-key", fixture.Output);
        fixture.ClearOutput();
        await fixture.RunAsync("env", "secret", "get", "provider-key", "--env", "prod");
        Assert.Equal("staging-provider-key", fixture.Workspace.Out.ToString().Trim());
    }
}
