using System.Threading.RateLimiting;
using Mosaic.Platform.Problems;

namespace Mosaic.Identity.Passwords;

/// <summary>
/// Password hashing is deliberately slow (a quarter of a second of one core). Only as many hashes
/// as there are cores run at once, a short queue waits, and the rest are refused with a 503: a
/// flood of logins then costs the flood, not the JWKS, health checks and everyone else.
/// </summary>
public sealed class HashingGate : IDisposable
{
    private readonly ConcurrencyLimiter limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Environment.ProcessorCount,
        QueueLimit = Environment.ProcessorCount * 16,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Waits for a turn to hash; throws <see cref="ServiceOverloadedException"/> when the queue is full.</summary>
    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        throw new ServiceOverloadedException("Too many sign-ins and registrations at once; try again in a moment.", TimeSpan.FromSeconds(2));
    }

    public void Dispose() => limiter.Dispose();
}
