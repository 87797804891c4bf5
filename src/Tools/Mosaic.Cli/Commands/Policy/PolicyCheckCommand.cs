using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Policies;
using Mosaic.Cli.Policies.Checking;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Commands.Policy;

/// <summary><c>mosaic policy check</c>: every problem of the policy as <c>file:line: code message</c>; exit 1 on any error.</summary>
internal static class PolicyCheckCommand
{
    public static Command Create(CliContext context)
    {
        var policy = PolicyOptions.Policy();
        var command = new Command("check", "Check the policy against mosaic.yaml and the services' committed contracts (contracts/services/); exit 1 on any error.") { policy };
        command.SetAction(parse => Run(context.Workspace(SharedOptions.DefaultEnvironment), context.Output, parse.GetValue(policy)));
        return command;
    }

    private static int Run(MosaicWorkspace workspace, ConsoleOutput output, string? policyOption)
    {
        var path = PolicySource.Resolve(workspace, policyOption);
        var shown = workspace.Display(path);
        var errors = ProblemReport.Print(output, Check(workspace, path), shown);
        if (errors == 0) return ExitCodes.Success;
        output.Failure($"{errors} error(s) in {shown}: fix each line above and run ./mosaic policy check again.");
        return ExitCodes.Failure;
    }

    public static IReadOnlyList<Problem> Check(MosaicWorkspace workspace, string path)
    {
        PolicyDocument policy;
        try
        {
            policy = PolicySource.Parse(workspace, path);
        }
        catch (PolicyException e)
        {
            return [new Problem(new SourceMark(e.File ?? workspace.Display(path), e.Line), PolicyProblemCodes.PolicySyntax, e.Reason)];
        }
        var services = workspace.LoadManifest().Services.Keys.ToList();
        var problems = new List<Problem>();
        var contracts = ContractSet.Load(workspace.Root, services, problems);
        return [.. problems, .. new PolicyChecker(services, contracts).Check(policy)];
    }
}
