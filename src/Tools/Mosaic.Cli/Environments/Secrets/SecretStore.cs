using System.Text;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Servers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mosaic.Cli.Environments.Secrets;

/// <summary>An environment's secret names and their stored (encrypted) values: <c>environments/secrets/ENV.yaml</c>, or dev's file under <c>.mosaic/keys/</c>.</summary>
public sealed class SecretStore
{
    private readonly SortedDictionary<string, string> _stored;

    private SecretStore(string environment, SortedDictionary<string, string> stored)
    {
        Environment = environment;
        _stored = stored;
    }

    public string Environment { get; }

    public string RelativePath => EnvironmentPaths.SecretStore(Environment);

    /// <summary>Dev's secrets are made when first referenced, so a missing one there is not a mistake.</summary>
    public bool GeneratesOnDemand => Environment == EnvironmentPaths.Development;

    public IEnumerable<string> Names => _stored.Keys;

    public string? Stored(string name) => _stored.GetValueOrDefault(name);

    public static SecretStore Read(IEnvironmentSource source, string environment)
    {
        var relativePath = EnvironmentPaths.SecretStore(environment);
        var stored = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (source.ReadText(relativePath) is not { } text) return new SecretStore(environment, stored);
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new CliException($"{relativePath}:{e.Start.Line} is not valid YAML ({e.Message}); restore it from git.", e);
        }
        if (yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode mapping)
            foreach (var (name, value) in mapping.Children)
                stored[(name as YamlScalarNode)?.Value ?? ""] = (value as YamlScalarNode)?.Value ?? "";
        return new SecretStore(environment, stored);
    }

    public Secret Decrypt(EnvironmentKey key, string name) =>
        Stored(name) is { } stored ? SecretCipher.Decrypt(key, name, stored) : throw new CliException(NotSet(name));

    public string Set(EnvironmentKey key, string name, Secret value) => _stored[name] = SecretCipher.Encrypt(key, name, value);

    /// <summary>Takes a stored value another reader of the same file found or made.</summary>
    public void Remember(string name, string stored) => _stored[name] = stored;

    public string NotSet(string name) =>
        $"secret '{name}' is not set in '{Environment}': set it with ./mosaic env secret set {name} --env {Environment}";

    public void Save(string root)
    {
        var path = Path.Combine(root, RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder()
            .AppendLine($"# Secrets of the '{Environment}' environment, encrypted with its key (AES-256-GCM, docs/adr/0007-environments.md).")
            .AppendLine($"# Written by ./mosaic env secret; change a value with: ./mosaic env secret set NAME --env {Environment}");
        foreach (var (name, stored) in _stored) text.AppendLine($"{name}: {stored}");
        if (GeneratesOnDemand) PrivateFile.Replace(path, text.ToString());
        else
        {
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, text.ToString());
            File.Move(temporary, path, overwrite: true);
        }
    }
}
