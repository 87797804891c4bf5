using System.Security.Cryptography;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Environments.Secrets;

/// <summary>
/// Finds an environment's key: <c>MOSAIC_ENV_KEY_ENV</c> (base64) first, else <c>.mosaic/keys/ENV.key</c>.
/// Dev's file is made on first use; any other environment's only by <c>env key create</c>.
/// </summary>
public sealed class EnvironmentKeys(string root, Func<string, string?> environmentVariable)
{
    public static string VariableName(string environment) =>
        "MOSAIC_ENV_KEY_" + environment.ToUpperInvariant().Replace('-', '_');

    public string FilePath(string environment) => Path.Combine(root, EnvironmentPaths.KeyFile(environment));

    /// <summary>The key, or null when there is none (dev's is made here, on first use).</summary>
    public EnvironmentKey? Find(string environment)
    {
        var variable = VariableName(environment);
        if (environmentVariable(variable) is { Length: > 0 } text) return Decode(environment, text, variable);
        var path = FilePath(environment);
        if (File.Exists(path)) return Decode(environment, File.ReadAllText(path), path);
        if (environment != EnvironmentPaths.Development) return null;
        // Two commands may make dev's key at once: the first one's stays, and both use it.
        if (TryCreate(environment) is { } created) return created;
        return Decode(environment, File.ReadAllText(path), path);
    }

    public EnvironmentKey Require(string environment) =>
        Find(environment) ?? throw new CliException(MissingKey(environment));

    public static string MissingKey(string environment) =>
        $"no key for '{environment}': set {VariableName(environment)} or run ./mosaic env key create --env {environment}";

    /// <summary>Writes a new random key file, readable by its owner only; refuses to replace one.</summary>
    public (EnvironmentKey Key, string Path) Create(string environment)
    {
        var path = FilePath(environment);
        return TryCreate(environment) is { } key
            ? (key, path)
            : throw new CliException($"{path} already exists: a new key would make every secret of '{environment}' unreadable; delete the file first if that is what you want.");
    }

    private EnvironmentKey? TryCreate(string environment)
    {
        var path = FilePath(environment);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var bytes = RandomNumberGenerator.GetBytes(EnvironmentKey.Size);
        return PrivateFile.TryCreate(path, Convert.ToBase64String(bytes) + "\n") ? new EnvironmentKey(environment, bytes) : null;
    }

    private static EnvironmentKey Decode(string environment, string text, string where)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            if (bytes.Length == EnvironmentKey.Size) return new EnvironmentKey(environment, bytes);
        }
        catch (FormatException)
        {
            // reported below, with the same sentence as a key of the wrong length
        }
        throw new CliException($"{where} does not hold a key for '{environment}': it must be {EnvironmentKey.Size} bytes in base64.");
    }
}
