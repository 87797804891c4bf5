using System.ComponentModel.DataAnnotations;

namespace Mosaic.Gateway.RateLimiting;

/// <summary>
/// Per-client token bucket: each caller (a user when the token is valid, else a client address)
/// may send <see cref="PermitsPerSecond"/> requests a second on average and up to <see cref="Burst"/> at once.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimit";

    /// <summary>Off for benchmarks that measure the forwarder alone (<c>Gateway__RateLimit__Enabled=false</c>).</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 200;

    [Range(1, 10_000_000)]
    public int Burst { get; set; } = 400;
}
