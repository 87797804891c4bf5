using System.CommandLine;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Policy;

/// <summary><c>mosaic policy</c>: the segmentation policy (policies/policy.yaml): check it, test it, draw it, and export the contracts it is checked against.</summary>
public static class PolicyCommand
{
    public static Command Create(CliContext context) =>
        new("policy", "Check, test and draw the segmentation policy (policies/policy.yaml), and export the services' contracts it is checked against.")
        {
            PolicyCheckCommand.Create(context),
            PolicyTestCommand.Create(context),
            PolicyGraphCommand.Create(context),
            PolicyContractsCommand.Create(context),
        };
}
