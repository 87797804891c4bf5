using System.Security.Cryptography;
using System.Text;

namespace Mosaic.Cli.Environments.Slices;

/// <summary>
/// ADR 7's version of a slice: the first 12 hex digits of SHA-256 over the sorted <c>key=value\n</c>
/// lines, a secret's value replaced by its stored (encrypted) form.
/// </summary>
public static class SliceVersion
{
    public static string Compute(IEnumerable<KeyValuePair<string, string>> hashedValues)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in hashedValues.OrderBy(v => v.Key, StringComparer.Ordinal)) text.Append(key).Append('=').Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
