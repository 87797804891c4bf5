using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Mosaic.Platform.LoadShedding;

/// <summary>
/// Middleware in front of a service's API: admits <see cref="InboundLimitOptions.MaxConcurrentRequests"/>
/// requests at once, queues a bounded number for a bounded time, and answers the rest with 503 +
/// Retry-After (problem+json) without touching the service's code. The management listener is
/// branched off before it, so health and metrics answer however busy the API is.
/// </summary>
internal sealed class InboundConcurrencyLimit : IMiddleware, IDisposable
{
    public const string MeterName = "Mosaic.Platform.LoadShedding";

    private readonly InboundLimitOptions _options;
    private readonly ConcurrencyLimiter _limiter;
    private readonly Counter<long> _shed;
    private readonly IProblemDetailsService _problems;
    private readonly string _retryAfter;
    private long _inFlight;
    private long _queued;

    public InboundConcurrencyLimit(IOptions<InboundLimitOptions> options, IMeterFactory meters, IProblemDetailsService problems)
    {
        _options = options.Value;
        _problems = problems;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _options.MaxConcurrentRequests,
            QueueLimit = _options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _retryAfter = Math.Max(1, (int)Math.Ceiling(_options.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var meter = meters.Create(MeterName);
        _shed = meter.CreateCounter<long>("mosaic.inbound.shed", description: "API requests answered 503 because the instance was at its concurrency limit, by why (queue-full or queue-timeout).");
        meter.CreateObservableGauge("mosaic.inbound.in_flight", () => Interlocked.Read(ref _inFlight), description: "API requests being handled now.");
        meter.CreateObservableGauge("mosaic.inbound.queued", () => Interlocked.Read(ref _queued), description: "API requests waiting for a free slot now.");
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_options.Enabled)
        {
            await next(context);
            return;
        }

        RateLimitLease lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            lease = await QueueAsync(context.RequestAborted);
        }
        using (lease)
        {
            if (!lease.IsAcquired)
            {
                await ShedAsync(context, lease.TryGetMetadata(MetadataName.ReasonPhrase, out var why) ? why : "queue-full");
                return;
            }
            Interlocked.Increment(ref _inFlight);
            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    private async Task<RateLimitLease> QueueAsync(CancellationToken aborted)
    {
        if (_options.QueueLimit == 0 || _options.QueueTimeout == TimeSpan.Zero) return new RefusedLease("queue-full");
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        waiting.CancelAfter(_options.QueueTimeout);
        Interlocked.Increment(ref _queued);
        try
        {
            var lease = await _limiter.AcquireAsync(1, waiting.Token);
            return lease.IsAcquired ? lease : WithReason(lease, "queue-full");
        }
        catch (OperationCanceledException)
        {
            return new RefusedLease(aborted.IsCancellationRequested ? "client-gone" : "queue-timeout");
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    private static RateLimitLease WithReason(RateLimitLease lease, string reason)
    {
        lease.Dispose();
        return new RefusedLease(reason);
    }

    private async Task ShedAsync(HttpContext context, string? why)
    {
        _shed.Add(1, new KeyValuePair<string, object?>("reason", why ?? "queue-full"));
        if (context.RequestAborted.IsCancellationRequested) return;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = _retryAfter;
        await _problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service busy",
                Detail = "The service is at its limit of concurrent requests; try again after the Retry-After delay.",
            },
        });
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>A refusal that says why, for the metric.</summary>
    private sealed class RefusedLease(string reason) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.ReasonPhrase.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.ReasonPhrase.Name ? reason : null;
            return metadata is not null;
        }
    }
}
