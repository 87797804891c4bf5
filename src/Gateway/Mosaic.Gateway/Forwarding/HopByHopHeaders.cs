using System.Collections.Frozen;
using System.Net.Http.Headers;
using Microsoft.Extensions.Primitives;

namespace Mosaic.Gateway.Forwarding;

/// <summary>Headers that describe one connection and so end at the gateway (RFC 9110 §7.6.1), both ways.</summary>
internal static class HopByHopHeaders
{
    public static readonly IReadOnlyList<string> Names =
        ["Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Proxy-Connection"];

    public static FrozenSet<string> With(params IEnumerable<string>[] more) =>
        Names.Concat(more.SelectMany(names => names)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a <c>Connection</c> header names <paramref name="header"/> as hop-by-hop for this connection.</summary>
    public static bool IsNamedBy(StringValues connection, string header)
    {
        foreach (var value in connection)
            if (ListContains(value, header)) return true;
        return false;
    }

    public static bool IsNamedBy(HeaderStringValues connection, string header)
    {
        foreach (var value in connection)
            if (ListContains(value, header)) return true;
        return false;
    }

    private static bool ListContains(ReadOnlySpan<char> list, string header)
    {
        while (!list.IsEmpty)
        {
            var comma = list.IndexOf(',');
            var token = (comma < 0 ? list : list[..comma]).Trim();
            if (token.Equals(header, StringComparison.OrdinalIgnoreCase)) return true;
            list = comma < 0 ? [] : list[(comma + 1)..];
        }
        return false;
    }
}
