using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// A service's slice of its environment, as <c>mosaic</c> renders it: exactly the keys the service
/// declares, secrets decrypted, and the version the repository says it should run.
/// </summary>
public sealed record ConfigSliceFile(
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("values")] IReadOnlyDictionary<string, string?> Values,
    [property: JsonPropertyName("secrets")] IReadOnlyList<string> Secrets)
{
    /// <summary>Reads a slice and a fingerprint of its bytes, or says in one sentence why it cannot.</summary>
    public static ConfigSliceFile Read(string path, out string fingerprint)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"The configuration slice {path} cannot be read: {e.Message}", e);
        }
        fingerprint = Convert.ToHexString(SHA256.HashData(bytes));
        try
        {
            var slice = JsonSerializer.Deserialize<ConfigSliceFile>(bytes);
            if (slice?.Values is null || string.IsNullOrEmpty(slice.Version))
                throw new InvalidDataException($"The configuration slice {path} has no version or no values.");
            return slice with { Secrets = slice.Secrets ?? [] };
        }
        catch (JsonException e)
        {
            // The message of a JSON error can quote the text around it, which may be a secret: give the position only.
            throw new InvalidDataException($"The configuration slice {path} is not valid JSON (line {e.LineNumber + 1}).", innerException: null);
        }
    }
}
