using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Policies;
using Mosaic.Cli.Policies.Testing;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Commands.Policy;

/// <summary><c>mosaic policy test</c>: runs the truth table of expected decisions; each failure names its line; exit 1 on any.</summary>
internal static class PolicyTestCommand
{
    public static Command Create(CliContext context)
    {
        var policy = PolicyOptions.Policy();
        var cases = new Option<string>("--cases", "-c")
        {
            Description = "The truth table to run (default: policies/tests.yaml of the checkout).",
            HelpName = "file",
        };
        var command = new Command("test", "Run the expected allow/deny cases of policies/tests.yaml against the policy; exit 1 when any case fails.") { policy, cases };
        command.SetAction(parse => Run(context.Workspace(SharedOptions.DefaultEnvironment), context.Output, parse.GetValue(policy), parse.GetValue(cases)));
        return command;
    }

    private static int Run(MosaicWorkspace workspace, ConsoleOutput output, string? policyOption, string? casesOption)
    {
        var policy = new SegmentationPolicy(PolicySource.Load(workspace, PolicySource.Resolve(workspace, policyOption)));
        var casesPath = casesOption is null
            ? Path.Combine(workspace.Root, PolicyParser.FolderName, PolicyCaseFile.FileName)
            : Path.GetFullPath(casesOption);
        var shown = workspace.Display(casesPath);
        if (!File.Exists(casesPath))
            throw new CliException($"There are no policy cases at {shown}: give an existing file with --cases, or write {PolicyParser.FolderName}/{PolicyCaseFile.FileName}.");
        var cases = PolicyCaseFile.Parse(File.ReadAllText(casesPath), shown);
        if (cases.Count == 0) throw new CliException($"{shown} holds no case: add calls, publish or consume cases.");

        var failures = PolicyCaseRunner.Run(policy, cases).Where(r => !r.Passed).ToList();
        foreach (var failure in failures)
        {
            var expected = (failure.Case.ExpectAllow ? "allow" : "deny") + (failure.Case.ExpectRule is { } rule ? $" by {rule}" : "");
            var got = (failure.Decision.Allowed ? "allow" : "deny") + $" by {failure.Decision.Rule}";
            output.Line($"{shown}:{failure.Case.Line}: {failure.Case}: expected {expected}, got {got}");
        }
        if (failures.Count == 0)
        {
            output.Success($"{cases.Count} case(s) of {shown} passed against {policy.Document.Path}.");
            return ExitCodes.Success;
        }
        output.Failure($"{failures.Count} of {cases.Count} case(s) of {shown} failed: fix the policy or the expectation on each line above.");
        return ExitCodes.Failure;
    }
}
