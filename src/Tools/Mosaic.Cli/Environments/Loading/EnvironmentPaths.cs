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

    /// <summary>
    /// The environments a checkout defines: every overlay in <c>environments/</c>, by name. base is only
    /// what they inherit (its problems show through each of them), so it counts only when it stands alone.
    /// </summary>
    public static IReadOnlyList<string> Environments(string root)
    {
        var folder = Path.Combine(root, Folder);
        if (!Directory.Exists(folder)) return [];
        var names = Directory.EnumerateFiles(folder, "*.yaml")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Count > 1 ? names.Where(name => name != Base).ToList() : names;
    }
}
