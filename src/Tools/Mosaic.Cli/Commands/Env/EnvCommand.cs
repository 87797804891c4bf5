using System.CommandLine;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Env;

/// <summary><c>mosaic env</c>: environments, their schemas and secrets, and the slices services receive (ADR 7).</summary>
public static class EnvCommand
{
    public static Command Create(CliContext context) =>
        new("env", "Validate, render, compare and promote environments (environments/*.yaml), manage their secrets and keys, and export the services' schemas.")
        {
            EnvSchemaCommand.Create(context),
            EnvValidateCommand.Create(context),
            EnvRenderCommand.Create(context),
            EnvDiffCommand.Create(context),
            EnvPromoteCommand.Create(context),
            EnvHistoryCommand.Create(context),
            EnvSecretCommand.Create(context),
            EnvKeyCommand.Create(context),
            EnvDriftCommand.Create(context),
        };
}
