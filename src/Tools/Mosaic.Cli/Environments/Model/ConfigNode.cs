using Mosaic.Cli.Diagnostics;

namespace Mosaic.Cli.Environments.Model;

/// <summary>
/// A node of an environment file as read, merged and resolved. <see cref="Source"/> is the line of
/// the key that holds the node (or of the item, in a list), so messages point where a person edits.
/// </summary>
public abstract record ConfigNode(SourceMark Source);

/// <summary>A plain value: configuration values are strings until a service binds them.</summary>
public sealed record ConfigScalar(string Value, SourceMark Source) : ConfigNode(Source);

/// <summary>An overlay's <c>~</c>: removes the inherited key. It never survives merging.</summary>
public sealed record ConfigRemoval(SourceMark Source) : ConfigNode(Source);

/// <summary>A resolved <c>${secret.NAME}</c>: the value lives in the environment's secret store.</summary>
public sealed record ConfigSecretReference(string Name, SourceMark Source) : ConfigNode(Source);

public sealed record ConfigList(IReadOnlyList<ConfigNode> Items, SourceMark Source) : ConfigNode(Source);

/// <summary>A mapping whose keys compare case-insensitively, as .NET configuration's do, in the order written.</summary>
public sealed record ConfigMap(OrderedDictionary<string, ConfigNode> Entries, SourceMark Source) : ConfigNode(Source)
{
    public static OrderedDictionary<string, ConfigNode> NewEntries() => new(StringComparer.OrdinalIgnoreCase);

    public static ConfigMap Empty(SourceMark source) => new(NewEntries(), source);

    public ConfigNode? Find(string key) => Entries.GetValueOrDefault(key);
}
