namespace Mosaic.Orders.Contracts;

/// <summary>One step of an order's history: the status it entered, why (for a cancellation), and when.</summary>
public sealed record OrderStatusChange(string Status, string? Reason, DateTimeOffset At);
