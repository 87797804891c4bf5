using System.Net;
using Microsoft.Extensions.Options;
using Mosaic.Payments.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Mosaic.Payments.Provider;

/// <summary>
/// The resilience around every call to the provider, built once so that the circuit breaker's memory
/// is shared by all calls: retries (outermost) with exponential backoff and jitter on transient
/// failures only, then the circuit breaker, then a timeout per attempt. Retrying a charge is safe
/// because every attempt carries the order's idempotency key.
/// </summary>
public sealed partial class ProviderPipeline
{
    public ProviderPipeline(IOptions<ProviderOptions> options, PaymentsMetrics metrics, TimeProvider time, ILogger<ProviderPipeline> logger)
    {
        var settings = options.Value;
        var transient = new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>()
            // HttpClient's own deadline (Mosaic:Clients:Timeout), should it be the shorter one.
            .Handle<TaskCanceledException>(e => e.InnerException is TimeoutException)
            .HandleResult(response => IsTransient(response.StatusCode));

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                OnRetry = args =>
                {
                    LogRetrying(logger, args.AttemptNumber + 1, settings.MaxAttempts, Describe(args.Outcome), args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            ShouldHandle = transient,
            FailureRatio = settings.BreakerFailureRatio,
            MinimumThroughput = settings.BreakerMinimumThroughput,
            SamplingDuration = settings.BreakerSamplingDuration,
            BreakDuration = settings.BreakerBreakDuration,
            OnOpened = args =>
            {
                metrics.BreakerEntered("open");
                LogOpened(logger, args.BreakDuration.TotalSeconds, Describe(args.Outcome));
                return ValueTask.CompletedTask;
            },
            OnHalfOpened = _ =>
            {
                metrics.BreakerEntered("half-open");
                LogHalfOpened(logger);
                return ValueTask.CompletedTask;
            },
            OnClosed = _ =>
            {
                metrics.BreakerEntered("closed");
                LogClosed(logger);
                return ValueTask.CompletedTask;
            },
        });
        builder.AddTimeout(settings.AttemptTimeout);
        Pipeline = builder.Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Failures that another attempt may not meet: the provider's own trouble, not a verdict on the request.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)outcome.Result!.StatusCode}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment provider call failed ({Failure}); attempt {Attempt} of {MaxAttempts} in {DelayMs:0} ms")]
    private static partial void LogRetrying(ILogger logger, int attempt, int maxAttempts, string failure, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment provider circuit opened for {BreakSeconds:0.#} s after repeated failures (last: {Failure}); calls fail fast meanwhile")]
    private static partial void LogOpened(ILogger logger, double breakSeconds, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment provider circuit half-open: letting a call through to test it")]
    private static partial void LogHalfOpened(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment provider circuit closed: calls go through again")]
    private static partial void LogClosed(ILogger logger);
}
