namespace Mosaic.Orders.Contracts.Events;

/// <summary>
/// The order will not be fulfilled: catalog releases whatever it reserved for it and payments refunds
/// any charge it made for it. <see cref="Reason"/> is one of <see cref="CancellationReasons"/>.
/// </summary>
public sealed record OrderCancelled(Guid OrderId, string Reason, IReadOnlyList<OrderLine> Lines);
