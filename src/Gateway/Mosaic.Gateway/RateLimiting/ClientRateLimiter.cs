using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mosaic.Gateway.RateLimiting;

/// <summary>
/// One token bucket per client. Buckets of clients that went quiet are dropped by the partitioned
/// limiter, so memory follows the number of active clients, not every address ever seen.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    private static readonly TimeSpan MinimumRetryAfter = TimeSpan.FromSeconds(1);
    private readonly PartitionedRateLimiter<HttpContext>? limiter;

    public ClientRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            // The partitioned limiter replenishes its buckets on one shared timer.
            AutoReplenishment = false,
        };
        Func<ClientKey, RateLimiter> create = _ => new TokenBucketRateLimiter(bucket);
        limiter = PartitionedRateLimiter.Create<HttpContext, ClientKey>(context => RateLimitPartition.Get(ClientKey.For(context), create));
    }

    /// <summary>Spends one permit of this client's budget; when there is none, says how long to wait.</summary>
    public bool TryAdmit(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (limiter is null) return true;
        using var lease = limiter.AttemptAcquire(context);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > MinimumRetryAfter ? after : MinimumRetryAfter;
        return false;
    }

    public void Dispose() => limiter?.Dispose();
}
