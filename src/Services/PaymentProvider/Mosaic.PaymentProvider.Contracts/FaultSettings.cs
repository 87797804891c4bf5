using System.ComponentModel.DataAnnotations;

namespace Mosaic.PaymentProvider.Contracts;

/// <summary>
/// The failures the simulator injects into charging and refunding (<c>GET/PUT/DELETE /admin/faults</c>); reading the ledger is never faulted.
/// A field left out of a PUT is reset to its default (no fault).
/// </summary>
public sealed record FaultSettings
{
    public const int MaxLatencyMs = 60_000;

    /// <summary>Added to every request before it is handled.</summary>
    [Range(0, MaxLatencyMs)]
    public int LatencyMs { get; init; }

    /// <summary>The share of requests (0 to 1) answered with a 500.</summary>
    [Range(0.0, 1.0)]
    public double ErrorRate { get; init; }

    /// <summary>Every request is answered with a 503, and nothing is done.</summary>
    public bool Outage { get; init; }

    /// <summary>
    /// Errors (<see cref="ErrorRate"/>) strike after the charge is recorded rather than before: the
    /// caller never learns of a charge that happened, and only its idempotency key saves it from a second one.
    /// </summary>
    public bool ErrorAfterCharge { get; init; }

    public static FaultSettings None { get; } = new();
}
