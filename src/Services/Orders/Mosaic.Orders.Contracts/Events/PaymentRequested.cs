namespace Mosaic.Orders.Contracts.Events;

/// <summary>The order's stock is reserved; payments charges <see cref="AmountCents"/> with the customer's payment token.</summary>
public sealed record PaymentRequested(Guid OrderId, Guid CustomerId, long AmountCents, string PaymentToken);
