using System.Text.Json;
using Mosaic.Cli.Environments.Secrets;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Environments.Slices;

/// <summary>
/// What one service receives: the keys of its own section only, plain values in <see cref="Values"/>
/// and decrypted secrets in <see cref="Secrets"/> (which print as <c>***</c>), and ADR 7's version.
/// </summary>
public sealed class ConfigSlice(string environment, string service, string version, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, Secret> secrets)
{
    public string Environment { get; } = environment;

    public string Service { get; } = service;

    public string Version { get; } = version;

    /// <summary>The plain values, by configuration key (<c>Section:Key</c>, lists as <c>Key:0</c>).</summary>
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    /// <summary>The secret values, by configuration key.</summary>
    public IReadOnlyDictionary<string, Secret> Secrets { get; } = secrets;

    /// <summary>Every key, plain and secret, in ordinal order.</summary>
    public IReadOnlyList<string> Keys => Values.Keys.Concat(Secrets.Keys).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> SecretKeys => Secrets.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Writes the slice as ADR 7's JSON, secrets in the clear, readable by the owner only (mode 0600):
    /// to a temporary file first, renamed over <paramref name="path"/>, so a service never reads half of one.
    /// </summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        PrivateFile.Write(temporary, ToJson());
        File.Move(temporary, path, overwrite: true);
    }

    private string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("environment", Environment);
            json.WriteString("service", Service);
            json.WriteString("version", Version);
            json.WriteStartObject("values");
            foreach (var key in Keys) json.WriteString(key, Values.TryGetValue(key, out var plain) ? plain : Secrets[key].Reveal());
            json.WriteEndObject();
            json.WriteStartArray("secrets");
            foreach (var key in SecretKeys) json.WriteStringValue(key);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
