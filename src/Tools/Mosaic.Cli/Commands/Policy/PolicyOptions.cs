using System.CommandLine;

namespace Mosaic.Cli.Commands.Policy;

/// <summary>The options the <c>policy</c> commands share.</summary>
internal static class PolicyOptions
{
    /// <summary><c>--policy FILE</c>: another policy than the checkout's <c>policies/policy.yaml</c>.</summary>
    public static Option<string> Policy() => new("--policy", "-p")
    {
        Description = "The policy file to read (default: policies/policy.yaml of the checkout).",
        HelpName = "file",
    };
}
