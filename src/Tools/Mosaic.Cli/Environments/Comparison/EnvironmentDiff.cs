using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Model;

namespace Mosaic.Cli.Environments.Comparison;

/// <summary>Per service, the keys added, removed and changed from one environment to another; secrets compared without being shown.</summary>
public sealed class EnvironmentDiff(EvaluatedEnvironment first, EvaluatedEnvironment second, SecretComparer secrets)
{
    public IReadOnlyList<KeyChange> Compare(string? service = null) =>
        first.Services.Keys.Concat(second.Services.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Where(s => service is null || string.Equals(s, service, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .SelectMany(CompareService)
            .ToList();

    private IEnumerable<KeyChange> CompareService(string service)
    {
        var before = first.Flatten(service).ToDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
        var after = second.Flatten(service).ToDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
        foreach (var key in before.Keys.Concat(after.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase))
        {
            var change = Compare(service, key, before.GetValueOrDefault(key), after.GetValueOrDefault(key));
            if (change is not null) yield return change;
        }
    }

    private KeyChange? Compare(string service, string key, FlatEntry? from, FlatEntry? to)
    {
        if (from is null) return new KeyChange(service, key, ChangeKind.Added, null, Shown(to!));
        if (to is null) return new KeyChange(service, key, ChangeKind.Removed, Shown(from), null);
        if (from.SecretName is { } fromSecret && to.SecretName is { } toSecret)
        {
            return secrets.Compare(fromSecret, toSecret) switch
            {
                (true, _) => null,
                (false, _) => new KeyChange(service, key, ChangeKind.Changed, "secret", "secret", "secret, different"),
                (null, var whyNot) => new KeyChange(service, key, ChangeKind.NotCompared, "secret", "secret", whyNot),
            };
        }
        var (shownFrom, shownTo) = (Shown(from), Shown(to));
        return shownFrom == shownTo ? null : new KeyChange(service, key, ChangeKind.Changed, shownFrom, shownTo);
    }

    /// <summary>A plain value as it is; a secret as the word, never its value.</summary>
    private static string Shown(FlatEntry entry) => entry.SecretName is null ? entry.Display : "secret";
}
