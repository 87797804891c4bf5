namespace Mosaic.PaymentProvider.Contracts;

/// <summary>
/// A charge in the provider's ledger. <see cref="Status"/> is one of <see cref="ChargeStatuses"/>;
/// <see cref="DeclineCode"/> (one of <see cref="DeclineCodes"/>) is set only on a declined charge.
/// </summary>
public sealed record ChargeResponse(
    string Id,
    string Status,
    long AmountCents,
    string Currency,
    string? Reference,
    string IdempotencyKey,
    DateTimeOffset CreatedAt,
    string? DeclineCode = null,
    DateTimeOffset? RefundedAt = null);
