using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Tests.Environments;

public class EnvironmentMergeTests
{
    private static Dictionary<string, string> Values(EnvironmentFixture fixture, string environment, string service) =>
        EvaluatedEnvironment.Evaluate(new WorkingTreeSource(fixture.Root), environment)
            .Flatten(service).ToDictionary(e => e.Key, e => e.Display);

    [Fact]
    public void An_overlay_chain_overrides_removes_and_replaces_lists_and_keys_ignore_case()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", """
            services:
              payments:
                Payments:
                  Provider:
                    Currency: EUR
                    MaxAttempts: 3
                    Mode: Sandbox
                    Hosts: [a.example, b.example, c.example]
            """);
        fixture.Write("environments/staging.yaml", """
            services:
              payments:
                payments:
                  provider:
                    maxattempts: 5
                    Mode: ~
            """);
        fixture.Write("environments/prod.yaml", """
            extends: staging
            services:
              payments:
                Payments:
                  Provider:
                    Hosts:
                      - live.example
            """);

        var prod = Values(fixture, "prod", "payments");

        Assert.Equal(new Dictionary<string, string>
        {
            ["Payments:Provider:Currency"] = "EUR",
            ["Payments:Provider:MaxAttempts"] = "5",
            ["Payments:Provider:Hosts:0"] = "live.example",
        }, prod);
        Assert.Equal("Sandbox", Values(fixture, "base", "payments")["Payments:Provider:Mode"]);
        Assert.Equal("3", Values(fixture, "base", "payments")["Payments:Provider:MaxAttempts"]);
    }

    [Fact]
    public void Every_effective_value_remembers_the_file_and_line_it_came_from()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", """
            services:
              payments:
                Payments:
                  Provider:
                    Currency: EUR
                    MaxAttempts: 3
            """);
        fixture.Write("environments/dev.yaml", """
            # dev overrides the attempts only
            services:
              payments:
                Payments:
                  Provider:
                    MaxAttempts: 1
            """);

        var entries = EvaluatedEnvironment.Evaluate(new WorkingTreeSource(fixture.Root), "dev").Flatten("payments").ToDictionary(e => e.Key, e => e.Leaf.Source);

        Assert.Equal(new SourceMark("environments/base.yaml", 5), entries["Payments:Provider:Currency"]);
        Assert.Equal(new SourceMark("environments/dev.yaml", 6), entries["Payments:Provider:MaxAttempts"]);
    }

    [Fact]
    public void A_cycle_of_extends_is_reported_where_it_closes()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "shared: {}\n");
        fixture.Write("environments/a.yaml", "extends: b\n");
        fixture.Write("environments/b.yaml", "services: {}\nextends: a\n");

        var problems = EvaluatedEnvironment.Evaluate(new WorkingTreeSource(fixture.Root), "a").Problems;

        var cycle = Assert.Single(problems);
        Assert.Equal(ProblemCodes.ExtendsCycle, cycle.Code);
        Assert.Equal(new SourceMark("environments/b.yaml", 2), cycle.Source);
        Assert.Contains("a extends b extends a", cycle.Message);
    }

    [Fact]
    public void Extending_an_environment_that_does_not_exist_is_reported()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "");
        fixture.Write("environments/qa.yaml", "\nextends: stagng\n");

        var problem = Assert.Single(EvaluatedEnvironment.Evaluate(new WorkingTreeSource(fixture.Root), "qa").Problems);

        Assert.Equal("environments/qa.yaml:2: unknown-environment there is no environment 'stagng': environments/stagng.yaml does not exist.", problem.ToString());
    }

    [Fact]
    public void Shared_references_resolve_after_merging_and_secret_references_stay_references()
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
                    ApiKey: ${secret.provider-key}
            """);
        fixture.Write("environments/prod.yaml", """
            shared:
              Currency: CHF
            """);

        var prod = EvaluatedEnvironment.Evaluate(new WorkingTreeSource(fixture.Root), "prod");
        var entries = prod.Flatten("payments").ToDictionary(e => e.Key);

        Assert.Empty(prod.Problems);
        Assert.Equal("CHF", entries["Payments:Provider:Currency"].Display);
        Assert.Equal("provider-key", entries["Payments:Provider:ApiKey"].SecretName);
    }

    [Fact]
    public void A_reference_inside_text_or_to_an_unknown_name_is_an_error_at_its_line()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", """
            shared:
              currency: EUR
            services:
              payments:
                Payments:
                  Provider:
                    Name: pay-${shared.currency}
                    Currency: ${shared.curency}
                    Mode: ${env.MODE}
            """);

        var problems = EvaluatedEnvironment.Evaluate(new WorkingTreeSource(fixture.Root), "base").Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(
        [
            "environments/base.yaml:7: reference-inside-text 'pay-${shared.currency}' has a reference inside other text; a reference must be the whole value, like ${shared.NAME}.",
            "environments/base.yaml:8: unknown-shared ${shared.curency} names no shared value; did you mean currency?",
            "environments/base.yaml:9: unknown-reference-kind '${env.MODE}' is not a reference ADR 7 knows ('env'); use ${shared.NAME} or ${secret.NAME}.",
        ], problems);
    }
}
