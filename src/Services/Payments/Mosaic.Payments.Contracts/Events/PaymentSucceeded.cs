namespace Mosaic.Payments.Contracts.Events;

/// <summary>The provider charged the order's amount; <see cref="ChargeId"/> is the provider's reference.</summary>
public sealed record PaymentSucceeded(Guid OrderId, Guid PaymentId, string ChargeId, long AmountCents);
