using System.ComponentModel.DataAnnotations;
using Mosaic.Platform.Configuration;

namespace Mosaic.Payments.Provider;

/// <summary>How payments calls the payment provider (settings under <c>Payments:Provider</c>).</summary>
public sealed class ProviderOptions
{
    public const string Section = "Payments:Provider";

    /// <summary>The provider as mosaic.yaml names it; reached through the platform's internal client.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9-]*$")]
    public string Service { get; set; } = "payment-provider";

    /// <summary>The merchant key the provider asks for on every charge and refund; from the environment's encrypted secrets, applied without a restart when rotated.</summary>
    [Required]
    public Secret? ApiKey { get; set; }

    /// <summary>The currency every charge is in: orders are priced in the shop's one currency.</summary>
    [Required, RegularExpression("^[A-Z]{3}$", ErrorMessage = "Currency must be three upper-case letters (ISO 4217), such as EUR.")]
    public string Currency { get; set; } = "EUR";

    /// <summary>How long one attempt may take before it is abandoned (and, if attempts remain, retried).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts per call, the first included, on transient failures (5xx, 408, 429, timeouts, refused connections).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry; it grows exponentially, with jitter, for later ones.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Share of failed attempts within <see cref="BreakerSamplingDuration"/> that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="BreakerSamplingDuration"/> before the ratio is judged at all.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an open circuit fails calls fast before letting one through to test the provider.
    /// Kept short next to the message retry budget (Mosaic:Messaging), which open-circuit failures also spend.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
