using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Policies;

public class PolicyTestCommandTests
{
    [Fact]
    public async Task The_committed_cases_pass_against_the_committed_policy()
    {
        using var checkout = TempWorkspace.OfCheckout();

        var exitCode = await checkout.RunAsync("policy", "test");

        Assert.True(exitCode == ExitCodes.Success, checkout.AllOutput);
        Assert.Matches(@"^\d+ case\(s\) of policies/tests\.yaml passed against policies/policy\.yaml\.$", checkout.AllOutput.Trim());
    }

    [Fact]
    public async Task A_wrong_expectation_fails_with_its_line_and_what_the_policy_answered()
    {
        using var checkout = TempWorkspace.OfCheckout();

        var exitCode = await checkout.RunAsync("policy", "test", "--cases", PolicyFixtures.Path("wrong-expectation.tests.yaml"));

        Assert.Equal(ExitCodes.Failure, exitCode);
        var shown = PolicyFixtures.Shown + "wrong-expectation.tests.yaml";
        Assert.Contains($"{shown}:4: gateway -> payments GET /payments/0f8fad5b-d9cb-469f-a165-70867728950e: expected allow, got deny by default-deny", checkout.AllOutput, StringComparison.Ordinal);
        Assert.Contains($"{shown}:6: catalog publishes orders.order-placed: expected allow, got deny by default-deny", checkout.AllOutput, StringComparison.Ordinal);
        Assert.Contains($"{shown}:8: catalog consumes orders.order-placed: expected deny by default-deny, got allow by consume orders.order-placed", checkout.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain($"{shown}:3:", checkout.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain($"{shown}:9:", checkout.AllOutput, StringComparison.Ordinal);
        Assert.Contains($"3 of 5 case(s) of {shown} failed", checkout.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_file_that_is_not_a_truth_table_is_one_sentence_with_its_line()
    {
        using var checkout = TempWorkspace.OfCheckout();

        Assert.Equal(ExitCodes.Failure, await checkout.RunAsync("policy", "test", "--cases", PolicyFixtures.Path("malformed.tests.yaml")));
        Assert.Contains(PolicyFixtures.Shown + "malformed.tests.yaml:3: this case has no path; a call case needs from, to, method, path, expect.", checkout.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_that_does_not_parse_stops_the_test_with_its_line()
    {
        using var checkout = TempWorkspace.OfCheckout();

        Assert.Equal(ExitCodes.Failure, await checkout.RunAsync("policy", "test", "--policy", PolicyFixtures.Path("syntax.yaml")));
        Assert.Contains(PolicyFixtures.Shown + "syntax.yaml:6: 'FETCH' is not a method", checkout.AllOutput, StringComparison.Ordinal);
        Assert.Contains("./mosaic policy check lists every problem.", checkout.AllOutput, StringComparison.Ordinal);
    }
}
