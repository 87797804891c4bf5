using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Comparison;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env diff A B</c>: per service, the keys B adds, removes and changes from A; secrets compared, never shown.</summary>
internal static class EnvDiffCommand
{
    public static Command Create(CliContext context)
    {
        var first = EnvOptions.EnvironmentArgument("from", "The environment to compare from.");
        var second = EnvOptions.EnvironmentArgument("to", "The environment to compare with.");
        var service = EnvOptions.Service("Compare only this service's keys.");
        var command = new Command("diff", "Show, per service, the keys added (+), removed (-) and changed (~) from one environment to another; secrets are compared without being shown.")
        {
            first, second, service,
        };
        command.SetAction(parse =>
        {
            var (from, to) = (parse.GetValue(first)!, parse.GetValue(second)!);
            var checkout = new EnvCheckout(context);
            var comparer = new SecretComparer(checkout.Keys, checkout.Secrets(from), checkout.Secrets(to));
            var changes = new EnvironmentDiff(checkout.Load(from), checkout.Load(to), comparer).Compare(parse.GetValue(service));
            if (changes.Count == 0)
            {
                context.Output.Success($"no differences between '{from}' and '{to}'.");
                return ExitCodes.Success;
            }
            foreach (var group in changes.GroupBy(c => c.Service))
            {
                context.Output.Line($"{group.Key}:");
                foreach (var change in group) context.Output.Line($"  {change}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
