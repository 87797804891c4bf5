using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Schemas;
using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Environments.Validation;

/// <summary>
/// Every check ADR 7 makes of an environment: the files, references, schemas, secrets, and unused
/// shared values. Problems come errors first, each group by file and line.
/// </summary>
public sealed class EnvironmentValidator(IEnvironmentSource source, IReadOnlyCollection<string> manifestServices)
{
    private readonly SchemaCatalog _schemas = new(source);

    public IReadOnlyList<Problem> Validate(string environment) => Validate(EvaluatedEnvironment.Evaluate(source, environment));

    public IReadOnlyList<Problem> Validate(EvaluatedEnvironment environment)
    {
        var problems = environment.Problems.ToList();
        var top = new SourceMark(environment.File, 1);
        var secrets = SecretStore.Read(source, environment.Name);
        foreach (var service in ServicesToCheck(environment))
        {
            var section = environment.Services.GetValueOrDefault(service);
            var sectionSource = environment.ServiceSections.Find(service)?.Source ?? top;
            // Schema files are named as mosaic.yaml spells the service; the environment's keys ignore case.
            var named = manifestServices.FirstOrDefault(s => string.Equals(s, service, StringComparison.OrdinalIgnoreCase));
            if (named is null)
                problems.Add(new Problem(sectionSource, ProblemCodes.UnknownService,
                    $"services.{service} is not a service of mosaic.yaml{Suggestion.DidYouMean(service, manifestServices)}", service));
            else if (_schemas.Find(named, problems) is { } schema)
                new SchemaValidator(service, problems).Validate(schema, section, sectionSource);
            else if (section is not null && !_schemas.Exists(named))
                problems.Add(new Problem(sectionSource, ProblemCodes.NoSchema,
                    $"services.{service} has no schema at {EnvironmentPaths.Schema(named)}: export it with ./mosaic env schema.", service));
            CheckSecretsAreSet(service, environment, secrets, problems);
        }
        foreach (var (name, node) in environment.Shared.Entries.Where(e => !environment.UsedShared.Contains(e.Key)))
            problems.Add(new Problem(node.Source, ProblemCodes.UnusedShared,
                $"shared.{name} is referenced by no service; remove it or reference it as ${{shared.{name}}}.", IsWarning: true));
        return problems.OrderBy(p => p.IsWarning).ThenBy(p => p.Source.File, StringComparer.Ordinal).ThenBy(p => p.Source.Line).ToList();
    }

    /// <summary>The services the environment configures, and those of the manifest whose schema may require keys.</summary>
    private IEnumerable<string> ServicesToCheck(EvaluatedEnvironment environment) =>
        environment.Services.Keys
            .Concat(manifestServices.Where(s => !environment.Services.ContainsKey(s) && _schemas.Exists(s)))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static void CheckSecretsAreSet(string service, EvaluatedEnvironment environment, SecretStore secrets, List<Problem> problems)
    {
        if (secrets.GeneratesOnDemand) return;
        foreach (var entry in environment.Flatten(service))
            if (entry.SecretName is { } name && secrets.Stored(name) is null)
                problems.Add(new Problem(entry.Leaf.Source, ProblemCodes.SecretNotSet,
                    $"{entry.Key} references secret '{name}', which {secrets.RelativePath} does not hold; set it with ./mosaic env secret set {name} --env {environment.Name}.", service));
    }
}
