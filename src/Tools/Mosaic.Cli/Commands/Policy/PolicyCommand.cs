using System.CommandLine;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Policy;

/// <summary><c>mosaic policy</c>: the segmentation policy in <c>policies/policy.yaml</c>, checked, tested, drawn and rendered.</summary>
public static class PolicyCommand
{
    public static Command Create(CliContext context) => new("policy", "Work with the segmentation policy (policies/policy.yaml): who may call, publish and consume what.")
    {
        PolicyRenderCommand.Create(context),
    };
}
