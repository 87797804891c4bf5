namespace Mosaic.Payments.Contracts.Events;

/// <summary>The provider declined the charge; <see cref="Reason"/> is the provider's decline code, for the customer's eyes.</summary>
public sealed record PaymentFailed(Guid OrderId, string Reason);
