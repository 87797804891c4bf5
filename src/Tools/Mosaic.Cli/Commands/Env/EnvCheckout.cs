using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Secrets;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Commands.Env;

/// <summary>What the env commands need of the checkout: its root, its environment files, keys and manifest.</summary>
internal sealed class EnvCheckout(CliContext context)
{
    public string Root { get; } = context.Workspace(SharedOptions.DefaultEnvironment).Root;

    public WorkingTreeSource Source => new(Root);

    public EnvironmentKeys Keys => new(Root, context.EnvironmentVariable);

    public IReadOnlyList<string> ManifestServices => ManifestLoader.Load(Path.Combine(Root, ManifestLoader.FileName)).Services.Keys.ToList();

    public SecretStore Secrets(string environment) => SecretStore.Read(Source, environment);

    /// <summary>The environment merged and resolved; a missing file or one that does not read is a failure to act on.</summary>
    public EvaluatedEnvironment Load(string environment) => Require(EvaluatedEnvironment.Evaluate(Source, environment));

    public static EvaluatedEnvironment Require(EvaluatedEnvironment environment)
    {
        if (!environment.Exists)
            throw new CliException($"there is no environment '{environment.Name}': {environment.File} does not exist.");
        if (environment.Problems.FirstOrDefault(p => p.Service is null) is { } problem)
            throw new CliException($"{problem.ToString().TrimEnd('.')}; fix it first (./mosaic env validate --env {environment.Name} lists every problem).");
        return environment;
    }
}
