using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env key create</c>: the one way a key for an environment other than dev comes to exist.</summary>
internal static class EnvKeyCommand
{
    public static Command Create(CliContext context)
    {
        var environment = EnvOptions.RequiredEnvironment("The environment to make a key for.");
        var create = new Command("create", "Write a new random key to .mosaic/keys/ENV.key (mode 0600); refuses to replace an existing one.") { environment };
        create.SetAction(parse =>
        {
            var name = parse.GetValue(environment)!;
            var (_, path) = new EnvCheckout(context).Keys.Create(name);
            context.Output.Success($"wrote the key for '{name}' to {path} (readable by you only).");
            context.Output.Warning($"keep a copy outside the repository (a password manager, or {EnvironmentKeys.VariableName(name)} in CI): without it '{name}''s secrets cannot be read, and it must never be committed.");
            return ExitCodes.Success;
        });
        return new Command("key", "Manage the keys that encrypt each environment's secrets.") { create };
    }
}
