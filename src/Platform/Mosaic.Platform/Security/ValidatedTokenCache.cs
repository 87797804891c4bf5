using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Mosaic.Platform.Security;

/// <summary>
/// Tokens already validated, so that a caller sending the same token again costs a lookup instead of an
/// ES256 signature check (about 0.1 ms of CPU each, on every request that carries a token). An entry
/// answers only for the exact token text, only while the token is within its lifetime as the validation
/// judged it (expiry plus the allowed clock skew), and only while the signing keys it was checked against
/// are the ones in use: a refreshed key set validates every token anew. Failures are not remembered.
/// The cache holds at most <see cref="Capacity"/> tokens; when it is full, expired ones (and those of old
/// keys) are dropped, and if it is still full nothing more is added until some expire.
/// </summary>
internal sealed class ValidatedTokenCache(TimeProvider clock)
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long nextSweep;

    /// <summary>A copy of the identity the token was validated to, if it was, against these keys, and is still within its lifetime.</summary>
    public ClaimsIdentity? Find(string token, IReadOnlyCollection<SecurityKey> signingKeys)
    {
        if (!entries.TryGetValue(token, out var entry)) return null;
        if (!ReferenceEquals(entry.SigningKeys, signingKeys) || clock.GetUtcNow() >= entry.ValidUntil)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
            return null;
        }
        // Each request gets its own copy: code downstream may add claims to the identity it is handed.
        return entry.Identity.Clone();
    }

    /// <summary>Remembers a token that validated to <paramref name="identity"/> against <paramref name="signingKeys"/> and expires at <paramref name="expires"/>.</summary>
    public void Add(string token, ClaimsIdentity identity, IReadOnlyCollection<SecurityKey> signingKeys, DateTimeOffset expires, TimeSpan clockSkew)
    {
        var now = clock.GetUtcNow();
        var validUntil = expires + clockSkew;
        if (validUntil <= now) return;
        if (entries.Count >= Capacity && !Sweep(now, signingKeys)) return;
        entries[token] = new Entry(identity.Clone(), signingKeys, validUntil);
    }

    public int Count => entries.Count;

    /// <summary>
    /// Drops entries that expired or were checked against other keys than <paramref name="signingKeys"/>, at most
    /// once a second however many requests find the cache full; true if there is room now.
    /// </summary>
    private bool Sweep(DateTimeOffset now, IReadOnlyCollection<SecurityKey> signingKeys)
    {
        var ticks = now.UtcTicks;
        var due = Interlocked.Read(ref nextSweep);
        if (ticks >= due && Interlocked.CompareExchange(ref nextSweep, ticks + TimeSpan.TicksPerSecond, due) == due)
            foreach (var (token, entry) in entries)
                if (now >= entry.ValidUntil || !ReferenceEquals(entry.SigningKeys, signingKeys))
                    entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
        return entries.Count < Capacity;
    }

    private sealed record Entry(ClaimsIdentity Identity, IReadOnlyCollection<SecurityKey> SigningKeys, DateTimeOffset ValidUntil);
}
