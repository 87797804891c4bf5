using System.Buffers;
using System.Text;

namespace Mosaic.Gateway.Forwarding;

/// <summary>
/// Writes the path the gateway decided on back into URL form so that the service decodes exactly
/// that string. Kestrel has already decoded the caller's path once (and removed dot segments);
/// the route and the anonymous allow-list were checked against that decoded text. Re-escaping
/// every <c>%</c> keeps a double-encoded <c>%252e%252e</c> from turning into <c>..</c> downstream,
/// which would let the service dispatch on a different path than the one the gateway authorized.
/// </summary>
internal static class TargetPath
{
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/");

    /// <summary>
    /// <paramref name="servicePath"/> (already plain), then <paramref name="decoded"/> escaped, then
    /// <paramref name="query"/> as the caller sent it: one string, and no copy beyond it when nothing needs escaping.
    /// </summary>
    public static string Build(string servicePath, ReadOnlySpan<char> decoded, ReadOnlySpan<char> query)
    {
        var first = decoded.IndexOfAnyExcept(Plain);
        if (first < 0) return string.Concat(servicePath, decoded, query);

        var builder = new StringBuilder(servicePath.Length + decoded.Length + query.Length + 16);
        builder.Append(servicePath).Append(decoded[..first]);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = first; i < decoded.Length; i++)
        {
            var c = decoded[i];
            if (Plain.Contains(c))
            {
                builder.Append(c);
                continue;
            }
            var length = char.IsHighSurrogate(c) && i + 1 < decoded.Length
                ? Encoding.UTF8.GetBytes(decoded.Slice(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(decoded.Slice(i, 1), utf8);
            foreach (var b in utf8[..length]) builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.Append(query).ToString();
    }
}
