using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Tests.Environments;

public class EnvironmentValidationTests
{
    private static List<string> Problems(EnvironmentFixture fixture, string environment) =>
        new EnvironmentValidator(new WorkingTreeSource(fixture.Root), fixture.Workspace.Manifest.Services.Keys.ToList())
            .Validate(environment).Select(p => p.ToString()).ToList();

    [Fact]
    public void A_valid_environment_has_no_problems()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", """
            shared:
              currency: EUR
            services:
              payments:
                Payments:
                  Provider:
                    Currency: ${shared.currency}
                    MaxAttempts: 10
                    Timeout: 00:00:30
                    Mode: live
                    Enabled: True
                    Ratio: 0.5
                    Hosts: [a, b]
            """);

        Assert.Empty(Problems(fixture, "base"));
    }

    [Fact]
    public void Each_schema_violation_is_reported_with_its_line_and_code()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", """
            services:
              payments:
                Payments:
                  Provider:
                    Currency: euro
                    MaxAttempts: 11
                    Timeout: 30s
                    Mode: Test
                    Enabled: yes
                    Ratio: 2
                    Name: x
                    Hosts: one-host
                    Curency: EUR
                    ApiKey: hunter2-plain
              orders:
                Orders:
                  Limit: 1.5
            """);

        Assert.Equal(
        [
            "environments/base.yaml:5: pattern-mismatch Payments:Provider:Currency is 'euro', which does not match the pattern ^[A-Z]{3}$.",
            "environments/base.yaml:6: out-of-range Payments:Provider:MaxAttempts is 11; the most it may be is 10.",
            "environments/base.yaml:7: wrong-type Payments:Provider:Timeout is '30s'; it must be a duration like 00:00:30 ([d.]hh:mm:ss[.fff]).",
            "environments/base.yaml:8: not-in-enum Payments:Provider:Mode is 'Test'; it must be one of Live, Sandbox.",
            "environments/base.yaml:9: wrong-type Payments:Provider:Enabled is 'yes'; it must be true or false.",
            "environments/base.yaml:10: out-of-range Payments:Provider:Ratio is 2; the most it may be is 1.",
            "environments/base.yaml:11: wrong-length Payments:Provider:Name has 1 characters; it needs at least 2.",
            "environments/base.yaml:12: wrong-type Payments:Provider:Hosts expects a list, not 'one-host'.",
            "environments/base.yaml:13: unknown-key Payments:Provider:Curency is not a key of payments's configuration; did you mean Currency?",
            "environments/base.yaml:14: secret-as-plain-value Payments:Provider:ApiKey is a secret: give it as ${secret.NAME} and set the value with ./mosaic env secret set NAME, never as plain text.",
            "environments/base.yaml:17: wrong-type Orders:Limit is '1.5'; it must be an integer.",
        ], Problems(fixture, "base"));
        Assert.DoesNotContain(Problems(fixture, "base"), p => p.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_reference_in_a_key_that_is_not_secret_is_refused()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        Currency: ${secret.stolen}\n");

        Assert.Contains(Problems(fixture, "base"), p => p.StartsWith("environments/base.yaml:5: secret-in-plain-key Payments:Provider:Currency is not a secret setting", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duration_outside_its_bounds_is_out_of_range()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        Currency: EUR\n        Timeout: 00:10:00\n");

        Assert.Equal(["environments/base.yaml:6: out-of-range Payments:Provider:Timeout is 00:10:00; the most it may be is 00:05:00."], Problems(fixture, "base"));
    }

    [Fact]
    public void A_required_key_is_missing_even_when_its_whole_section_is()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "services:\n  orders:\n    Orders:\n      Limit: 3\n");
        fixture.Write("environments/qa.yaml", "services:\n  payments:\n    Payments:\n      Provider:\n        MaxAttempts: 2\n");

        Assert.Equal(["environments/base.yaml:1: missing-required Payments:Provider:Currency is required by payments and has no value."], Problems(fixture, "base"));
        Assert.Equal(["environments/qa.yaml:4: missing-required Payments:Provider:Currency is required by payments and has no value."], Problems(fixture, "qa"));
    }

    [Fact]
    public void A_service_missing_from_the_manifest_or_without_a_schema_is_an_error()
    {
        using var fixture = new EnvironmentFixture();
        File.Delete(Path.Combine(fixture.Root, "contracts/config/orders.schema.json"));
        fixture.Write("environments/base.yaml", """
            services:
              payments:
                Payments:
                  Provider:
                    Currency: EUR
              payment:
                Payments: {}
              orders:
                Orders:
                  Limit: 3
            """);

        Assert.Equal(
        [
            "environments/base.yaml:6: unknown-service services.payment is not a service of mosaic.yaml; did you mean payments?",
            "environments/base.yaml:8: no-schema services.orders has no schema at contracts/config/orders.schema.json: export it with ./mosaic env schema.",
        ], Problems(fixture, "base"));
    }

    [Fact]
    public void A_referenced_secret_must_be_set_except_in_dev_where_it_is_generated()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", """
            services:
              payments:
                Payments:
                  Provider:
                    Currency: EUR
                    ApiKey: ${secret.provider-key}
            """);
        fixture.Write("environments/prod.yaml", "");
        fixture.Write("environments/dev.yaml", "");

        Assert.Equal(
            ["environments/base.yaml:6: secret-not-set Payments:Provider:ApiKey references secret 'provider-key', which environments/secrets/prod.yaml does not hold; set it with ./mosaic env secret set provider-key --env prod."],
            Problems(fixture, "prod"));
        Assert.Empty(Problems(fixture, "dev"));
    }

    [Fact]
    public void A_shared_value_nobody_references_is_a_warning()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "shared:\n  currency: EUR\n  unused: 1\nservices:\n  orders:\n    Orders:\n      Currency: ${shared.currency}\n");

        var problems = new EnvironmentValidator(new WorkingTreeSource(fixture.Root), ["payments", "orders"]).Validate("base");

        var unused = Assert.Single(problems, p => p.Code == ProblemCodes.UnusedShared);
        Assert.True(unused.IsWarning);
        Assert.Equal("environments/base.yaml:3: warning unused-shared shared.unused is referenced by no service; remove it or reference it as ${shared.unused}.", unused.ToString());
    }

    [Fact]
    public void Broken_yaml_an_unknown_section_and_a_duplicate_key_are_reported()
    {
        using var fixture = new EnvironmentFixture(withSchemas: false);
        fixture.Write("environments/base.yaml", "servics:\n  orders: {}\nshared:\n  a: 1\n  A: 2\n");
        fixture.Write("environments/dev.yaml", "services:\n  orders: [unclosed\n");

        Assert.Equal(
        [
            "environments/base.yaml:1: unknown-section 'servics' is not a section of an environment file: use extends, shared and services.",
            "environments/base.yaml:5: duplicate-key 'A' is given twice in one mapping (keys compare ignoring case).",
            "environments/base.yaml:4: warning unused-shared shared.a is referenced by no service; remove it or reference it as ${shared.a}.",
        ], Problems(fixture, "base"));
        Assert.Contains(Problems(fixture, "dev"), p => p.StartsWith("environments/dev.yaml:3: yaml-syntax is not valid YAML", StringComparison.Ordinal));
    }
}
