using Mosaic.Cli.Diagnostics;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Validation;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>Replaces <c>${shared.NAME}</c> with the shared value and <c>${secret.NAME}</c> with a secret reference, after merging.</summary>
public sealed class ReferenceResolver(ConfigMap shared, List<Problem> problems)
{
    public HashSet<string> UsedShared { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConfigMap ResolveService(string service, ConfigMap section) => (ConfigMap)Resolve(service, section);

    /// <summary>Shared values are plain: a reference among them would make the order of resolution matter.</summary>
    public void CheckShared()
    {
        foreach (var entry in FlatEntry.Flatten(shared))
            if (entry.Leaf is ConfigScalar { Value: var value } && ValueReference.Mentions(value))
                problems.Add(new Problem(entry.Leaf.Source, ProblemCodes.ReferenceInShared,
                    $"shared.{entry.Key} holds a reference; shared values are plain, reference secrets from the service's own key."));
    }

    private ConfigNode Resolve(string service, ConfigNode node) => node switch
    {
        ConfigMap map => map with { Entries = new(map.Entries.Select(e => KeyValuePair.Create(e.Key, Resolve(service, e.Value))), StringComparer.OrdinalIgnoreCase) },
        ConfigList list => list with { Items = list.Items.Select(item => Resolve(service, item)).ToList() },
        ConfigScalar scalar when ValueReference.Mentions(scalar.Value) => ResolveReference(service, scalar),
        _ => node,
    };

    private ConfigNode ResolveReference(string service, ConfigScalar scalar)
    {
        switch (ValueReference.Parse(scalar.Value))
        {
            case null:
                return Problem(service, scalar, ProblemCodes.ReferenceInsideText,
                    $"'{scalar.Value}' has a reference inside other text; a reference must be the whole value, like ${{shared.NAME}}.");
            case { Kind: ValueReference.Secret, Name: var name }:
                return new ConfigSecretReference(name, scalar.Source);
            case { Kind: ValueReference.Shared, Name: var name } when shared.Find(name) is { } value:
                UsedShared.Add(name);
                return value is ConfigScalar plain ? plain with { Source = scalar.Source } : value;
            case { Kind: ValueReference.Shared, Name: var name }:
                return Problem(service, scalar, ProblemCodes.UnknownShared,
                    $"${{shared.{name}}} names no shared value{Suggestion.DidYouMean(name, shared.Entries.Keys)}");
            case { Kind: var kind }:
                return Problem(service, scalar, ProblemCodes.UnknownReferenceKind,
                    $"'{scalar.Value}' is not a reference ADR 7 knows ('{kind}'); use ${{shared.NAME}} or ${{secret.NAME}}.");
        }
    }

    private ConfigScalar Problem(string service, ConfigScalar scalar, string code, string message)
    {
        problems.Add(new Problem(scalar.Source, code, message, service));
        return scalar;
    }
}
