using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>
/// An environment merged and with its references resolved: what each service's section holds, and
/// the problems found on the way (before any schema is consulted).
/// </summary>
public sealed class EvaluatedEnvironment
{
    private EvaluatedEnvironment(MergedEnvironment merged, IReadOnlyDictionary<string, ConfigMap> services, IReadOnlySet<string> usedShared, IReadOnlyList<Problem> problems)
    {
        Name = merged.Name;
        Exists = merged.Exists;
        Shared = merged.Shared;
        ServiceSections = merged.Services;
        Services = services;
        UsedShared = usedShared;
        Problems = problems;
    }

    public string Name { get; }

    public bool Exists { get; }

    public string File => EnvironmentPaths.File(Name);

    public ConfigMap Shared { get; }

    /// <summary>The merged <c>services:</c> mapping, for the line each service's section starts on.</summary>
    public ConfigMap ServiceSections { get; }

    /// <summary>Each service's section, resolved; keys ignore case.</summary>
    public IReadOnlyDictionary<string, ConfigMap> Services { get; }

    public IReadOnlySet<string> UsedShared { get; }

    public IReadOnlyList<Problem> Problems { get; }

    public IReadOnlyList<FlatEntry> Flatten(string service) =>
        Services.TryGetValue(service, out var section) ? FlatEntry.Flatten(section) : [];

    public static EvaluatedEnvironment Evaluate(IEnvironmentSource source, string environment)
    {
        var merged = EnvironmentLoader.Load(source, environment);
        var problems = merged.Problems.ToList();
        var resolver = new ReferenceResolver(merged.Shared, problems);
        resolver.CheckShared();
        var services = new Dictionary<string, ConfigMap>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, node) in merged.Services.Entries)
        {
            if (node is ConfigMap section) services[name] = resolver.ResolveService(name, section);
            else problems.Add(new Problem(node.Source, ProblemCodes.NotAMapping, $"services.{name} must be a mapping of configuration sections.", name));
        }
        return new EvaluatedEnvironment(merged, services, resolver.UsedShared, problems);
    }
}
