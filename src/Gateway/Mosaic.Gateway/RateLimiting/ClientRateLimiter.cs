using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Mosaic.Gateway.RateLimiting;

/// <summary>
/// One token bucket per client. Buckets of clients that went quiet are dropped by the partitioned
/// limiter, so memory follows the number of active clients, not every address ever seen. Changed
/// settings apply at once, with every client's bucket starting full again.
/// </summary>
internal sealed class ClientRateLimiter : IDisposable
{
    private static readonly TimeSpan MinimumRetryAfter = TimeSpan.FromSeconds(1);
    // A request may still hold the limiter that a change replaced: it is disposed once such requests are done.
    private static readonly TimeSpan RetiredLimiterGrace = TimeSpan.FromSeconds(10);
    private readonly IDisposable? subscription;
    private PartitionedRateLimiter<HttpContext>? limiter;
    private (bool Enabled, int PermitsPerSecond, int Burst) applied;

    public ClientRateLimiter(IOptionsMonitor<RateLimitOptions> options)
    {
        applied = Of(options.CurrentValue);
        limiter = Create(options.CurrentValue);
        subscription = options.OnChange(settings =>
        {
            // Any change to the gateway's configuration lands here: the buckets start over only when the limits changed.
            if (Of(settings) == applied) return;
            applied = Of(settings);
            var retired = Interlocked.Exchange(ref limiter, Create(settings));
            if (retired is not null) _ = Task.Delay(RetiredLimiterGrace).ContinueWith(_ => retired.Dispose(), TaskScheduler.Default);
        });
    }

    private static (bool, int, int) Of(RateLimitOptions settings) => (settings.Enabled, settings.PermitsPerSecond, settings.Burst);

    private static PartitionedRateLimiter<HttpContext>? Create(RateLimitOptions settings)
    {
        if (!settings.Enabled) return null;
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
        return PartitionedRateLimiter.Create<HttpContext, ClientKey>(context => RateLimitPartition.Get(ClientKey.For(context), create));
    }

    /// <summary>Spends one permit of this client's budget; when there is none, says how long to wait.</summary>
    public bool TryAdmit(HttpContext context, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var current = Volatile.Read(ref limiter);
        if (current is null) return true;
        using var lease = current.AttemptAcquire(context);
        if (lease.IsAcquired) return true;
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > MinimumRetryAfter ? after : MinimumRetryAfter;
        return false;
    }

    public void Dispose()
    {
        subscription?.Dispose();
        limiter?.Dispose();
    }
}
