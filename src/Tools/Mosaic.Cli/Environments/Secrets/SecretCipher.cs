using System.Security.Cryptography;
using System.Text;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Environments.Secrets;

/// <summary>
/// ADR 7's stored form: <c>v1:</c> + base64(12-byte nonce | ciphertext | 16-byte tag), AES-256-GCM,
/// with <c>mosaic-secret:v1:ENV:NAME</c> as associated data so a value moved to another name or environment fails.
/// </summary>
public static class SecretCipher
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Encrypt(EnvironmentKey key, string name, Secret secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret.Reveal());
        var stored = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = stored.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, plaintext, stored.AsSpan(NonceSize, plaintext.Length), stored.AsSpan(NonceSize + plaintext.Length), AssociatedData(key.Environment, name));
        return Prefix + Convert.ToBase64String(stored);
    }

    public static Secret Decrypt(EnvironmentKey key, string name, string stored)
    {
        try
        {
            if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) throw new FormatException("no v1: prefix");
            var bytes = Convert.FromBase64String(stored[Prefix.Length..]);
            if (bytes.Length < NonceSize + TagSize) throw new FormatException("too short");
            var ciphertextLength = bytes.Length - NonceSize - TagSize;
            var plaintext = new byte[ciphertextLength];
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(bytes.AsSpan(0, NonceSize), bytes.AsSpan(NonceSize, ciphertextLength), bytes.AsSpan(NonceSize + ciphertextLength), plaintext, AssociatedData(key.Environment, name));
            return new Secret(Encoding.UTF8.GetString(plaintext));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new CliException(
                $"secret '{name}' of '{key.Environment}' does not decrypt: the key is wrong, or the stored value was changed or copied from another name or environment; set it again with ./mosaic env secret set {name} --env {key.Environment}", e);
        }
    }

    private static byte[] AssociatedData(string environment, string name) => Encoding.UTF8.GetBytes($"mosaic-secret:v1:{environment}:{name}");
}
