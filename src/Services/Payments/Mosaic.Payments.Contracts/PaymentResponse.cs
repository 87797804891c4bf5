namespace Mosaic.Payments.Contracts;

/// <summary>An order's payment (<c>GET /payments/{orderId}</c>, admins only). <see cref="Status"/> is one of <see cref="PaymentStatuses"/>.</summary>
public sealed record PaymentResponse(
    Guid Id,
    Guid OrderId,
    long AmountCents,
    string Status,
    string? ChargeId,
    string? DeclineCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
