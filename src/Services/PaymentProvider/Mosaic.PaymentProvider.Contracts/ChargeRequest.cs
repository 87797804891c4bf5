using System.ComponentModel.DataAnnotations;

namespace Mosaic.PaymentProvider.Contracts;

/// <summary>
/// What a merchant sends to take money (<c>POST /charges</c>, with an <c>Idempotency-Key</c> header).
/// The same key with the same request returns the first answer again instead of charging twice.
/// </summary>
public sealed class ChargeRequest
{
    /// <summary>Nullable only so that a missing amount is reported as missing instead of read as zero.</summary>
    [Required, Range(ChargeLimits.MinAmountCents, ChargeLimits.MaxAmountCents)]
    public long? AmountCents { get; init; }

    [Required, RegularExpression(ChargeLimits.CurrencyPattern, ErrorMessage = "The field Currency must be three upper-case letters (ISO 4217), such as EUR.")]
    public string Currency { get; init; } = "";

    /// <summary>The card token: <see cref="TestTokens.Ok"/> succeeds, <see cref="TestTokens.Declined"/> is declined, anything else is invalid.</summary>
    [Required, StringLength(ChargeLimits.TokenMaxLength, MinimumLength = 1)]
    public string Token { get; init; } = "";

    /// <summary>The merchant's own reference (payments sends the order id), for finding the charge later.</summary>
    [StringLength(ChargeLimits.ReferenceMaxLength)]
    public string? Reference { get; init; }
}
