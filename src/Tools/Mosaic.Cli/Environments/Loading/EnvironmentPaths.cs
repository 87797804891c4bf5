namespace Mosaic.Cli.Environments.Loading;

/// <summary>Where ADR 7 puts an environment's files, relative to the checkout.</summary>
public static class EnvironmentPaths
{
    public const string Folder = "environments";
    public const string Base = "base";
    public const string Development = "dev";

    public static string File(string environment) => $"{Folder}/{environment}.yaml";

    public static string Schema(string service) => $"contracts/config/{service}.schema.json";

    /// <summary>Dev's key is per machine, so its secrets stay on the machine too; every other store is committed.</summary>
    public static string SecretStore(string environment) =>
        environment == Development ? ".mosaic/keys/dev.secrets.yaml" : $"{Folder}/secrets/{environment}.yaml";

    public static string KeyFile(string environment) => $".mosaic/keys/{environment}.key";

    /// <summary>Every environment with a file in <c>environments/</c>, base first.</summary>
    public static IReadOnlyList<string> Environments(string root)
    {
        var folder = Path.Combine(root, Folder);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.yaml")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .OrderBy(name => name == Base ? 0 : 1).ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
    }
}
