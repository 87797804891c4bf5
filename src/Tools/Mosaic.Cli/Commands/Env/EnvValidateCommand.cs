using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Validation;
using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env validate</c>: every problem of one environment, or of all of them, as <c>file:line: CODE message</c>.</summary>
internal static class EnvValidateCommand
{
    public static Command Create(CliContext context)
    {
        var environment = EnvOptions.OptionalEnvironment("The environment to check; every environment in environments/ (each overlay, base through them) when omitted.");
        var command = new Command("validate", "Check environments against the services' schemas, references and secret stores; exit 1 on any error.") { environment };
        command.SetAction(parse => Run(new EnvCheckout(context), context.Output, parse.GetValue(environment)));
        return command;
    }

    private static int Run(EnvCheckout checkout, ConsoleOutput output, string? environment)
    {
        IReadOnlyList<string> environments = environment is null ? EnvironmentPaths.Environments(checkout.Root) : [environment];
        if (environments.Count == 0)
            throw new CliException($"there is no environment to check: {EnvironmentPaths.Folder}/ holds no .yaml file in {checkout.Root}.");
        var validator = new EnvironmentValidator(checkout.Source, checkout.ManifestServices);
        var errors = 0;
        foreach (var name in environments)
        {
            errors += ProblemReport.Print(output, validator.Validate(name), $"'{name}'");
        }
        if (errors == 0) return ExitCodes.Success;
        output.Failure($"{errors} error(s) in {string.Join(", ", environments.Select(e => $"'{e}'"))}: fix each line above and run ./mosaic env validate again.");
        return ExitCodes.Failure;
    }
}
