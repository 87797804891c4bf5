using Mosaic.Cli.Environments.Editing;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Model;
using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Environments.Promotion;

/// <summary>
/// Writes one environment's effective values into another's overlay file, editing its text in place,
/// and re-encrypts the secrets they reference into the target's store (which needs both keys).
/// </summary>
public sealed class EnvironmentPromotion(string root, EvaluatedEnvironment from, EvaluatedEnvironment to, EnvironmentKeys keys)
{
    private const string NotSet = "(not set)";

    /// <param name="key">Only this key, or the keys beneath it (<c>Section</c> or <c>Section:Key</c>); every key when null.</param>
    /// <returns>Every change written, in the overlay and in the secret store; empty when the target already had the values.</returns>
    public IReadOnlyList<PromotionStep> Promote(string? service, string? key)
    {
        var steps = new List<PromotionStep>();
        var editor = new YamlTextEditor(to.File, File.ReadAllText(Path.Combine(root, to.File)));
        var secrets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var name in from.Services.Keys.Where(s => service is null || string.Equals(s, service, StringComparison.OrdinalIgnoreCase)))
        {
            var target = to.Flatten(name).ToDictionary(e => e.Key, StringComparer.OrdinalIgnoreCase);
            var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in from.Flatten(name).Where(e => Matches(e.Key, key)))
            {
                var (segments, node) = Unit(from.Services[name], entry.Key);
                var path = string.Join(':', segments);
                if (!written.Add(path)) continue;
                if (entry.SecretName is { } secret) secrets.Add(secret);
                var (value, current) = node is ConfigList list
                    ? (YamlScalarText.FormatList(FlatEntry.Flatten(list).Select(e => e.Display)), ListText(target.Values.Where(e => e.Key.StartsWith(path + ":", StringComparison.OrdinalIgnoreCase)).ToList()))
                    : (YamlScalarText.Format(entry.Display), target.GetValueOrDefault(entry.Key) is { } existing ? YamlScalarText.Format(existing.Display) : null);
                if (current == value) continue;
                editor.Set(["services", name, .. segments], value);
                steps.Add(new PromotionStep(to.File, $"services.{name}.{string.Join('.', segments)}", current ?? NotSet, value));
            }
        }
        var secretSteps = CopySecrets(secrets);
        if (steps.Count > 0) File.WriteAllText(Path.Combine(root, to.File), editor.Text);
        return [.. steps, .. secretSteps];
    }

    private static bool Matches(string entryKey, string? key) =>
        key is null || string.Equals(entryKey, key, StringComparison.OrdinalIgnoreCase) || entryKey.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>The unit a key is written as: the key itself, or the whole list it is an item of (a list replaces, it never merges).</summary>
    private static (string[] Segments, ConfigNode Node) Unit(ConfigMap section, string key)
    {
        var segments = key.Split(':');
        ConfigNode node = section;
        for (var i = 0; i < segments.Length; i++)
        {
            if (node is ConfigList) return (segments[..i], node);
            node = ((ConfigMap)node).Find(segments[i])!;
        }
        return (segments, node);
    }

    private static string? ListText(IReadOnlyList<FlatEntry> items) =>
        items.Count == 0 ? null : YamlScalarText.FormatList(items.Select(e => e.Display));

    /// <summary>Both keys are asked for before anything is written, so a missing one leaves both environments as they were.</summary>
    private List<PromotionStep> CopySecrets(IReadOnlyCollection<string> names)
    {
        if (names.Count == 0) return [];
        var source = SecretStore.Read(new WorkingTreeSource(root), from.Name);
        var target = SecretStore.Read(new WorkingTreeSource(root), to.Name);
        var (fromKey, toKey) = (keys.Require(from.Name), keys.Require(to.Name));
        var steps = new List<PromotionStep>();
        foreach (var name in names)
        {
            var value = source.Decrypt(fromKey, name);
            if (target.Stored(name) is not null && target.Decrypt(toKey, name).SameAs(value)) continue;
            steps.Add(new PromotionStep(target.RelativePath, $"secret {name}", target.Stored(name) is null ? NotSet : "secret", $"secret re-encrypted from '{from.Name}'"));
            target.Set(toKey, name, value);
        }
        if (steps.Count > 0) target.Save(root);
        return steps;
    }
}
