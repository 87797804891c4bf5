using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Secrets;
using Mosaic.Cli.Environments.Validation;
using Mosaic.Cli.Servers;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Environments.Slices;

/// <summary>
/// Works out a service's slice in a checkout: validates the environment (a problem in this service's
/// section, or in the environment as a whole, stops it), generates dev secrets that are referenced
/// and missing, and computes the version from the stored forms.
/// </summary>
public sealed class SlicePlanner(string root, Func<string, string?> environmentVariable)
{
    private readonly WorkingTreeSource _source = new(root);

    public EnvironmentKeys Keys { get; } = new(root, environmentVariable);

    public (SlicePlan Plan, SecretStore Store) Plan(string environment, string service)
    {
        var evaluated = EvaluatedEnvironment.Evaluate(_source, environment);
        if (!evaluated.Exists) throw new CliException($"there is no environment '{environment}': {evaluated.File} does not exist.");
        var manifest = ManifestLoader.Load(Path.Combine(root, ManifestLoader.FileName));
        if (!manifest.Services.ContainsKey(service))
            throw new CliException($"'{service}' is not a service of mosaic.yaml: use one of {string.Join(", ", manifest.Services.Keys)}.");
        ThrowOnProblems(environment, service, new EnvironmentValidator(_source, manifest.Services.Keys.ToList()).Validate(evaluated));

        var store = SecretStore.Read(_source, environment);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var secretNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var hashed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in evaluated.Flatten(service))
        {
            if (entry.SecretName is { } name)
            {
                secretNames[entry.Key] = name;
                hashed[entry.Key] = store.Stored(name) ?? GenerateDevSecret(store, name);
            }
            else
            {
                values[entry.Key] = hashed[entry.Key] = entry.Display;
            }
        }
        return (new SlicePlan(environment, service, SliceVersion.Compute(hashed), values, secretNames), store);
    }

    /// <summary>
    /// Generates a dev secret once: under a lock on dev's store, so that two commands rendering at the
    /// same moment (two <c>up</c>s, <c>up</c> and <c>env render</c>) end with the same value, not one each.
    /// </summary>
    private string GenerateDevSecret(SecretStore store, string name)
    {
        if (!store.GeneratesOnDemand) throw new CliException(store.NotSet(name));
        var key = Keys.Require(store.Environment);
        var path = Path.Combine(root, store.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (PrivateFile.Lock(path + ".lock", TimeSpan.FromSeconds(10)))
        {
            var current = SecretStore.Read(_source, store.Environment);
            if (current.Stored(name) is not { } stored)
            {
                stored = current.Set(key, name, Secret.Generate());
                current.Save(root);
            }
            store.Remember(name, stored);
            return stored;
        }
    }

    private static void ThrowOnProblems(string environment, string service, IReadOnlyList<Problem> problems)
    {
        var blocking = problems.Where(p => !p.IsWarning && (p.Service is null || string.Equals(p.Service, service, StringComparison.OrdinalIgnoreCase))).ToList();
        if (blocking.Count == 0) return;
        var more = blocking.Count > 1 ? $" (and {blocking.Count - 1} more)" : "";
        throw new CliException($"cannot render {service}'s slice of '{environment}': {blocking[0].ToString().TrimEnd('.')}{more}; ./mosaic env validate --env {environment} lists every problem.");
    }
}
