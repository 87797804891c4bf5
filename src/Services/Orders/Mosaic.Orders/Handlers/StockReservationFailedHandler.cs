using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Process;
using Mosaic.Platform.Messaging;

namespace Mosaic.Orders.Handlers;

/// <summary>Catalog could not reserve the order's stock: cancel it (out-of-stock).</summary>
internal sealed class StockReservationFailedHandler(OrderProcess process) : IEventHandler<StockReservationFailed>
{
    public Task HandleAsync(StockReservationFailed @event, EventContext context, CancellationToken cancellationToken) =>
        process.ApplyAsync(@event.OrderId, context.EventType, (order, now) => order.StockReservationFailed(now), cancellationToken);
}
