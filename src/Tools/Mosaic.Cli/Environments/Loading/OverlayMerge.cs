using Mosaic.Cli.Environments.Model;

namespace Mosaic.Cli.Environments.Loading;

/// <summary>
/// ADR 7's merge: mappings merge key by key (ignoring case), a scalar or a list replaces what it
/// inherits, and <c>~</c> removes the inherited key.
/// </summary>
public static class OverlayMerge
{
    public static ConfigMap Merge(ConfigMap lower, ConfigMap upper)
    {
        var entries = new OrderedDictionary<string, ConfigNode>(lower.Entries, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, node) in upper.Entries)
        {
            if (node is ConfigRemoval)
                entries.Remove(key);
            else if (entries.GetValueOrDefault(key) is ConfigMap inherited && node is ConfigMap overlay)
                entries[key] = Merge(inherited, overlay);
            else
                entries[key] = WithoutRemovals(node);
        }
        return new ConfigMap(entries, upper.Source);
    }

    /// <summary>A <c>~</c> with nothing beneath it to remove simply leaves the key out.</summary>
    public static ConfigNode WithoutRemovals(ConfigNode node) => node switch
    {
        ConfigMap map => Merge(ConfigMap.Empty(map.Source), map),
        ConfigList list => list with { Items = list.Items.Where(i => i is not ConfigRemoval).Select(WithoutRemovals).ToList() },
        _ => node,
    };
}
