using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.ServiceClients;

namespace Mosaic.Platform.Security;

/// <summary>
/// identity's published signing keys, fetched through the internal client and cached. A token
/// signed with an unknown key id triggers a refresh; fetches, failed or not, happen at most once
/// per <see cref="MinimumRefreshInterval"/>, so neither a flood of forged tokens nor an outage of
/// identity turns into a flood of calls to identity. When a refresh fails the last good keys stay.
/// </summary>
internal sealed partial class JwksSigningKeySource(IServiceClientFactory clients, TimeProvider clock, ILogger<JwksSigningKeySource> logger)
    : ISigningKeySource, IDisposable
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile IReadOnlyCollection<SecurityKey> keys = [];
    private DateTimeOffset fetchedAt = DateTimeOffset.MinValue;
    private DateTimeOffset attemptedAt = DateTimeOffset.MinValue;

    public async ValueTask<IReadOnlyCollection<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - fetchedAt < CacheLifetime) return keys;
        await FetchAsync(force: false, cancellationToken);
        return keys;
    }

    public async ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) =>
        await FetchAsync(force: true, cancellationToken);

    private async Task<bool> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        // With keys in hand, a routine refresh never makes a request wait: whoever gets the gate fetches.
        var wait = force || keys.Count == 0;
        if (!await gate.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken)) return false;
        try
        {
            var now = clock.GetUtcNow();
            if (!force && now - fetchedAt < CacheLifetime) return false;
            if (now - attemptedAt < MinimumRefreshInterval) return false;
            attemptedAt = now;

            using var client = clients.CreateClient(AccessTokens.IssuerService);
            var set = await client.GetFromJsonAsync<JwksDocument>(AccessTokens.JwksPath, cancellationToken)
                ?? throw new System.Text.Json.JsonException("identity returned an empty key set.");
            keys = set.Keys.Select(k => (SecurityKey)new JsonWebKey
            {
                Kty = k.Kty, Crv = k.Crv, X = k.X, Y = k.Y, Kid = k.Kid, Alg = k.Alg, Use = k.Use,
            }).ToList();
            fetchedAt = clock.GetUtcNow();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(logger, e.Message);
            return false;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch identity's signing keys: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string reason);
}
