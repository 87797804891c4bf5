using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>Reads an environment's file and the chain it extends, and merges them, base first.</summary>
public static class EnvironmentLoader
{
    public static MergedEnvironment Load(IEnvironmentSource source, string environment)
    {
        var problems = new List<Problem>();
        var chain = Chain(source, environment, problems);
        var shared = ConfigMap.Empty(new SourceMark(EnvironmentPaths.File(environment), 1));
        var services = shared;
        foreach (var document in chain)
        {
            shared = OverlayMerge.Merge(shared, document.Shared);
            services = OverlayMerge.Merge(services, document.Services);
        }
        return new MergedEnvironment(environment, chain.Count > 0, shared, services, problems);
    }

    /// <summary>The documents from the root of the chain (base) to <paramref name="environment"/>.</summary>
    private static List<EnvironmentDocument> Chain(IEnvironmentSource source, string environment, List<Problem> problems)
    {
        var chain = new List<EnvironmentDocument>();
        string? name = environment;
        SourceMark? extendedFrom = null;
        while (name is not null)
        {
            if (chain.Any(d => d.Name == name))
            {
                var cycle = string.Join(" extends ", chain.Select(d => d.Name).Append(name));
                problems.Add(new Problem(extendedFrom!, ProblemCodes.ExtendsCycle, $"{cycle}: an environment cannot inherit from itself."));
                break;
            }
            var file = EnvironmentPaths.File(name);
            var text = source.ReadText(file);
            if (text is null)
            {
                problems.Add(new Problem(extendedFrom ?? new SourceMark(file, 1), ProblemCodes.UnknownEnvironment,
                    $"there is no environment '{name}': {file} does not exist."));
                break;
            }
            var document = new EnvironmentDocumentReader(file, problems).ReadDocument(name, text);
            chain.Add(document);
            extendedFrom = document.Extends?.Source;
            name = NextInChain(document, problems);
        }
        chain.Reverse();
        return chain;
    }

    private static string? NextInChain(EnvironmentDocument document, List<Problem> problems)
    {
        if (document.Name != EnvironmentPaths.Base) return document.Extends?.Value ?? EnvironmentPaths.Base;
        if (document.Extends is { } extends)
            problems.Add(new Problem(extends.Source, ProblemCodes.ExtendsCycle, "base.yaml is the root of every chain and extends nothing."));
        return null;
    }
}
