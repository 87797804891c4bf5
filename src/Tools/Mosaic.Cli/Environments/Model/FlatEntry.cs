namespace Mosaic.Cli.Environments.Model;

/// <summary>One configuration key as .NET sees it (<c>Section:Key</c>, lists as <c>Key:0</c>) and its leaf.</summary>
/// <param name="Leaf">A <see cref="ConfigScalar"/> or a <see cref="ConfigSecretReference"/>.</param>
public sealed record FlatEntry(string Key, ConfigNode Leaf)
{
    public string? SecretName => (Leaf as ConfigSecretReference)?.Name;

    /// <summary>The plain value, or the reference text for a secret (never a secret's value).</summary>
    public string Display => Leaf switch
    {
        ConfigScalar scalar => scalar.Value,
        ConfigSecretReference secret => $"${{secret.{secret.Name}}}",
        _ => "",
    };

    /// <summary>The leaves beneath a mapping (keys <c>Section:Key</c>) or a list (keys <c>0</c>, <c>1</c>…).</summary>
    public static IReadOnlyList<FlatEntry> Flatten(ConfigNode node)
    {
        var entries = new List<FlatEntry>();
        Add(node, prefix: null, entries);
        return entries;
    }

    private static void Add(ConfigNode node, string? prefix, List<FlatEntry> entries)
    {
        switch (node)
        {
            case ConfigMap map:
                foreach (var (key, child) in map.Entries) Add(child, Join(prefix, key), entries);
                break;
            case ConfigList list:
                for (var i = 0; i < list.Items.Count; i++)
                    Add(list.Items[i], Join(prefix, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), entries);
                break;
            case ConfigScalar or ConfigSecretReference when prefix is not null:
                entries.Add(new FlatEntry(prefix, node));
                break;
        }
    }

    private static string Join(string? prefix, string key) => prefix is null ? key : $"{prefix}:{key}";
}
