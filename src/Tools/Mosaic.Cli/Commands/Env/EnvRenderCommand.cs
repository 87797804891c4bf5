using System.CommandLine;
using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Secrets;
using Mosaic.Cli.Environments.Slices;
using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env render</c>: exactly the keys a service receives, secrets shown as <c>***</c>.</summary>
internal static class EnvRenderCommand
{
    public static Command Create(CliContext context)
    {
        var environment = EnvOptions.Environment("The environment to render.");
        var service = EnvOptions.Service("The service whose slice to show, as mosaic.yaml names it.", required: true);
        var json = new Option<bool>("--json") { Description = "Print the slice as JSON (the file mosaic up writes, secrets as ***)." };
        var command = new Command("render", "Show exactly what a service receives in an environment: its own keys, references resolved, secrets as ***.")
        {
            environment, service, json,
        };
        command.SetAction(parse =>
        {
            var checkout = new EnvCheckout(context);
            // Secrets are shown as *** whatever they are, so they are not decrypted: rendering needs no key.
            var slice = EnvironmentSlices.Plan(checkout.Root, parse.GetValue(environment)!, parse.GetValue(service)!, context.EnvironmentVariable);
            Print(slice, context.Output, parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(SlicePlan slice, ConsoleOutput output, bool asJson)
    {
        var values = slice.Values.Keys.Concat(slice.SecretNames.Keys).Order(StringComparer.Ordinal)
            .ToDictionary(k => k, k => slice.Values.TryGetValue(k, out var plain) ? plain : Secret.Redacted);
        if (asJson)
        {
            output.Line(JsonSerializer.Serialize(new { slice.Environment, slice.Service, slice.Version, values, secrets = slice.SecretNames.Keys.Order(StringComparer.Ordinal) }, CliJson.Indented));
            return;
        }
        output.Line($"{slice.Service} in '{slice.Environment}', version {slice.Version}:");
        foreach (var (key, value) in values) output.Line($"  {key} = {value}");
        if (values.Count == 0) output.Line("  (no keys)");
    }
}
