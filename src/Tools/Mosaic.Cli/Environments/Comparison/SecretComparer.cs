using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Environments.Comparison;

/// <summary>Compares two environments' secrets by decrypting both, without ever returning a value.</summary>
public sealed class SecretComparer(EnvironmentKeys keys, SecretStore first, SecretStore second)
{
    /// <summary>True or false when both could be decrypted; otherwise null and why not.</summary>
    public (bool? Same, string? WhyNot) Compare(string firstName, string secondName)
    {
        if (Read(first, firstName) is not { } a) return (null, Unavailable(first, firstName));
        if (Read(second, secondName) is not { } b) return (null, Unavailable(second, secondName));
        return (a.SameAs(b), null);
    }

    private Secret? Read(SecretStore store, string name) =>
        store.Stored(name) is not null && keys.Find(store.Environment) is { } key ? store.Decrypt(key, name) : null;

    private static string Unavailable(SecretStore store, string name) =>
        store.Stored(name) is null ? $"'{name}' is not set in '{store.Environment}'" : $"no key for '{store.Environment}'";
}
