using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Environments.Slices;

/// <summary>A slice before its secrets are decrypted: plain values, and for each secret key the secret's name.</summary>
public sealed record SlicePlan(string Environment, string Service, string Version, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> SecretNames)
{
    /// <param name="key">Asked for only when the slice has a secret, so a slice without one needs no key.</param>
    public ConfigSlice Decrypt(SecretStore store, Func<EnvironmentKey> key)
    {
        var environmentKey = SecretNames.Count == 0 ? null : key();
        return new(Environment, Service, Version, Values,
            SecretNames.ToDictionary(s => s.Key, s => store.Decrypt(environmentKey!, s.Value), StringComparer.Ordinal));
    }
}
