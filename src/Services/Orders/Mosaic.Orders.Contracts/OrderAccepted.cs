namespace Mosaic.Orders.Contracts;

/// <summary>The 202 answer to <c>POST /orders</c>: the order exists and its process has started; follow <c>Location</c> for its progress.</summary>
public sealed record OrderAccepted(Guid Id, string Status);
