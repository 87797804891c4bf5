using System.Text.RegularExpressions;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Policies;

public class PolicyCheckCommandTests
{
    [Fact]
    public async Task The_committed_policy_checks_clean_against_the_committed_contracts()
    {
        using var checkout = TempWorkspace.OfCheckout();

        var exitCode = await checkout.RunAsync("policy", "check");

        Assert.True(exitCode == ExitCodes.Success, checkout.AllOutput);
        Assert.Equal("policies/policy.yaml is valid.", checkout.AllOutput.Trim());
    }

    [Fact]
    public async Task Unknown_services_are_reported_in_modes_rules_and_events()
    {
        var problems = await CheckAsync("unknown-services.yaml", ExitCodes.Failure);

        Assert.Equal(
        [
            "3: unknown-service modes: catalgo is not a service of mosaic.yaml (nor mosaic, the operator's command line); did you mean catalog?",
            "5: unknown-service from: gatewya is not a service of mosaic.yaml (nor mosaic, the operator's command line); did you mean gateway?",
            "9: unknown-service to: mosaic is the operator's command line, which serves nothing to call; a rule's 'to' is a service of mosaic.yaml.",
            "14: unknown-service orders.order-placed names shipping, which is not a service of mosaic.yaml (nor mosaic, the operator's command line).",
        ], problems);
    }

    [Fact]
    public async Task An_operation_no_endpoint_of_its_target_serves_is_an_unknown_route()
    {
        var problems = await CheckAsync("unknown-routes.yaml", ExitCodes.Failure);

        Assert.Equal(["7", "8", "9", "17", "21"], problems.Select(LineOf));
        Assert.All(problems, p => Assert.Contains(" unknown-route ", p, StringComparison.Ordinal));
        Assert.StartsWith("7: unknown-route GET /productz reaches no endpoint of catalog (it exposes GET /admin/stock/{id:guid}, GET /categories, GET /products, GET /products/{id:guid}, POST /products, PUT /products/{id:guid}; see contracts/services/catalog.json).", problems[0], StringComparison.Ordinal);
        Assert.Contains("DELETE /products/* reaches no endpoint of catalog", problems[1], StringComparison.Ordinal);
        Assert.Contains("POST /refunds reaches no endpoint of payment-provider", problems[3], StringComparison.Ordinal);
        Assert.Contains("GET /api/catalog/products reaches no endpoint of gateway (it exposes no endpoint;", problems[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_and_shadowed_operations_of_one_from_to_are_reported()
    {
        var problems = await CheckAsync("duplicates.yaml", ExitCodes.Failure);

        Assert.Equal(
        [
            "7: duplicate-rule gateway -> catalog allows GET /products/* again (first at line 6); remove this line.",
            "8: shadowed-rule gateway -> catalog GET /products/0f8fad5b-d9cb-469f-a165-70867728950e is already allowed by GET /products/* at line 6, so it never decides anything; remove it or narrow the earlier one.",
            "10: shadowed-rule gateway -> catalog POST /products is already allowed by * /products at line 9, so it never decides anything; remove it or narrow the earlier one.",
            "14: duplicate-rule gateway -> catalog allows GET /Products/* again (first at line 6); remove this line.",
            "21: duplicate-rule orders.order-placed lists orders twice among its publishers.",
        ], problems);
    }

    [Fact]
    public async Task Events_nobody_publishes_or_consumes_and_events_the_code_uses_without_leave_are_reported()
    {
        var problems = await CheckAsync("events.yaml", ExitCodes.Failure);

        Assert.Contains("8: no-publisher nobody may publish orders.order-placed: list the services under publishers, or remove the event.", problems);
        Assert.Contains("8: undeclared-publish orders publishes orders.order-placed.v1 in its code, but the policy does not allow it: add orders to its publishers.", problems);
        Assert.Contains("11: no-publisher orders.payment-requested may be published by catalog, but none of them publishes it in its code (see contracts/services/); fix the publishers, or remove the event.", problems);
        Assert.Contains("11: undeclared-publish orders publishes orders.payment-requested.v1 in its code, but the policy does not allow it: add orders to its publishers.", problems);
        Assert.Contains("14: no-consumer nobody may consume orders.order-confirmed: list the services under consumers, or remove the event.", problems);
        Assert.Contains("14: undeclared-consume catalog consumes orders.order-confirmed.v1 in its code, but the policy does not allow it: add catalog to its consumers.", problems);
        Assert.Contains("20: no-consumer catalog.stock-reserved may be consumed by payments, but none of them consumes it in its code (see contracts/services/); fix the consumers, or remove the event.", problems);
        Assert.Contains("20: undeclared-consume orders consumes catalog.stock-reserved.v1 in its code, but the policy does not allow it: add orders to its consumers.", problems);
        Assert.Contains("29: no-publisher orders.order-shipped may be published by orders, but none of them publishes it in its code (see contracts/services/); fix the publishers, or remove the event.", problems);
        Assert.Contains("29: no-consumer orders.order-shipped may be consumed by catalog, but none of them consumes it in its code (see contracts/services/); fix the consumers, or remove the event.", problems);
        Assert.Contains("17: warning unused-permission identity may consume orders.order-cancelled but its code does not; remove it from the consumers unless it is about to.", problems);
        // An event type the policy does not know at all is shown where the code declares it: the service's contract.
        Assert.Matches(@"contracts/services/catalog\.json:\d+: undeclared-publish catalog publishes catalog\.stock-reservation-failed\.v1 in its code, but the policy does not allow it: add catalog\.stock-reservation-failed to the policy's events with catalog among its publishers\.", Output);
        Assert.Matches(@"contracts/services/orders\.json:\d+: undeclared-consume orders consumes catalog\.stock-reservation-failed\.v1 in its code", Output);
        Assert.Equal(11, problems.Count);
    }

    [Fact]
    public async Task Warnings_alone_do_not_fail_the_check()
    {
        var problems = await CheckAsync("warnings-only.yaml", ExitCodes.Success);

        Assert.Equal(["8: warning unused-permission identity may consume orders.order-placed but its code does not; remove it from the consumers unless it is about to."], problems);
        Assert.Contains("warnings-only.yaml is valid (1 warning(s)).", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_policy_is_one_policy_syntax_problem_at_its_line()
    {
        var problems = await CheckAsync("syntax.yaml", ExitCodes.Failure);

        Assert.Equal(["6: policy-syntax 'FETCH' is not a method; use one of *, GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"], problems);
        Assert.Contains("1 error(s) in " + PolicyFixtures.Shown + "syntax.yaml: fix each line above and run ./mosaic policy check again.", Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_without_a_readable_contract_cannot_be_checked()
    {
        using var workspace = TempWorkspace.WithServices("catalog", "orders");
        Directory.CreateDirectory(Path.Combine(workspace.Root, "policies"));
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "policies", "policy.yaml"), """
            calls:
              - from: orders
                to: catalog
                allow:
                  - GET /products/*
            """, TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(workspace.Root, "contracts", "services"));
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "contracts", "services", "orders.json"), "{ \"service\": ", TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, await workspace.RunAsync("policy", "check"));

        Assert.Contains("contracts/services/orders.json:1: bad-contract is not a service contract (", workspace.AllOutput, StringComparison.Ordinal);
        Assert.Contains("policies/policy.yaml:2: no-contract catalog has no contract at contracts/services/catalog.json, so its routes and events cannot be checked: export it with ./mosaic policy contracts.", workspace.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_policy_file_is_one_sentence()
    {
        using var checkout = TempWorkspace.OfCheckout();

        Assert.Equal(ExitCodes.Failure, await checkout.RunAsync("policy", "check", "--policy", PolicyFixtures.Path("no-such-policy.yaml")));
        Assert.Contains("There is no policy at " + PolicyFixtures.Shown + "no-such-policy.yaml", checkout.AllOutput, StringComparison.Ordinal);
    }

    private string Output { get; set; } = "";

    /// <summary>Runs the check on a fixture; returns its problem lines without the file name: "LINE: CODE MESSAGE".</summary>
    private async Task<List<string>> CheckAsync(string fixture, int expectedExitCode)
    {
        using var checkout = TempWorkspace.OfCheckout();
        var exitCode = await checkout.RunAsync("policy", "check", "--policy", PolicyFixtures.Path(fixture));
        Output = checkout.AllOutput;
        Assert.True(exitCode == expectedExitCode, Output);
        var prefix = PolicyFixtures.Shown + fixture + ":";
        return Output.Split('\n')
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Length > prefix.Length && char.IsAsciiDigit(l[prefix.Length]))
            .Select(l => l[prefix.Length..].TrimEnd('\r'))
            .ToList();
    }

    private static string LineOf(string problem) => Regex.Match(problem, @"^\d+").Value;
}
