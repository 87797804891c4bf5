using System.CommandLine;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Policy;

/// <summary><c>mosaic policy</c>: the segmentation policy (policies/policy.yaml): check it, test it, draw it, render it, and export the contracts it is checked against.</summary>
public static class PolicyCommand
{
    public static Command Create(CliContext context) =>
        new("policy", "Check, test, draw and render the segmentation policy (policies/policy.yaml), and export the services' contracts it is checked against.")
        {
            PolicyCheckCommand.Create(context),
            PolicyTestCommand.Create(context),
            PolicyGraphCommand.Create(context),
            PolicyRenderCommand.Create(context),
            PolicyContractsCommand.Create(context),
        };
}
