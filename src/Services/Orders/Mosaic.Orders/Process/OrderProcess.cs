using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Data;
using Mosaic.Orders.Domain;
using Mosaic.Platform.Messaging;

namespace Mosaic.Orders.Process;

/// <summary>
/// Applies another service's event to the order it names: load, run the order's transition, publish
/// what it returns. Nothing is saved here; the platform saves the handler's scope with the inbox row,
/// so the new state, the published event and "this message was handled" commit together or not at all.
/// </summary>
public sealed partial class OrderProcess(
    OrdersDbContext db,
    IEventBus bus,
    TimeProvider time,
    OrderMetrics metrics,
    ILogger<OrderProcess> logger)
{
    public async Task ApplyAsync<TResult>(
        Guid orderId, EventTypeName eventType, Func<Order, DateTimeOffset, TResult?> transition, CancellationToken cancellationToken)
        where TResult : class
    {
        var order = await OrderQueries.ForUpdate(db, orderId, cancellationToken);
        if (order is null)
        {
            LogUnknownOrder(logger, eventType.RoutingKey, orderId);
            return;
        }

        var before = order.Status;
        var published = transition(order, time.GetUtcNow());
        if (published is null)
        {
            // Late or repeated news for an order that has moved on (cancelled by the customer or by
            // the timeout): catalog and payments undo their own side when they see the cancellation.
            LogIgnored(logger, eventType.RoutingKey, orderId, before, order.Reason);
            return;
        }

        bus.Publish(published);
        metrics.FinishedOnCommit(db, order);
        LogMoved(logger, orderId, before, order.Status, order.Reason, eventType.RoutingKey);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{EventType} names order {OrderId}, which does not exist here; nothing to do")]
    private static partial void LogUnknownOrder(ILogger logger, string eventType, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} does not apply to order {OrderId} in status {Status} (reason {Reason}); ignored")]
    private static partial void LogIgnored(ILogger logger, string eventType, Guid orderId, OrderStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} moved from {From} to {To} (reason {Reason}) on {EventType}")]
    private static partial void LogMoved(ILogger logger, Guid orderId, OrderStatus from, OrderStatus to, string? reason, string eventType);
}
