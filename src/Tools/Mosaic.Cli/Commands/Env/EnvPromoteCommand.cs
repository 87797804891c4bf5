using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Promotion;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env promote A B</c>: writes A's effective values into B's overlay file, and A's secrets into B's store.</summary>
internal static class EnvPromoteCommand
{
    public static Command Create(CliContext context)
    {
        var first = EnvOptions.EnvironmentArgument("from", "The environment whose values to promote.");
        var second = EnvOptions.EnvironmentArgument("to", "The environment whose file environments/TO.yaml receives them.");
        var service = EnvOptions.Service("Promote only this service's keys.");
        var key = new Option<string>("--key", "-k") { Description = "Promote only this key, or the keys beneath it (Section or Section:Key).", HelpName = "key" };
        var command = new Command("promote", "Write one environment's effective values into another's overlay file (comments and layout kept) and re-encrypt its secrets into the other's store.")
        {
            first, second, service, key,
        };
        command.SetAction(parse =>
        {
            var (from, to) = (parse.GetValue(first)!, parse.GetValue(second)!);
            var checkout = new EnvCheckout(context);
            var steps = new EnvironmentPromotion(checkout.Root, checkout.Load(from), checkout.Load(to), checkout.Keys)
                .Promote(parse.GetValue(service), parse.GetValue(key));
            if (steps.Count == 0)
            {
                context.Output.Success($"nothing to promote: '{to}' already has '{from}''s values for what you selected.");
                return ExitCodes.Success;
            }
            foreach (var step in steps) context.Output.Line(step.ToString());
            context.Output.Warning($"promoted {steps.Count} value(s) from '{from}' to '{to}': review them with git diff before committing.");
            return ExitCodes.Success;
        });
        return command;
    }
}
