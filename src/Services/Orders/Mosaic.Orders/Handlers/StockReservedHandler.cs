using Microsoft.Extensions.Options;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Process;
using Mosaic.Platform.Messaging;

namespace Mosaic.Orders.Handlers;

/// <summary>Catalog reserved every line: ask payments to charge.</summary>
internal sealed class StockReservedHandler(OrderProcess process, IOptionsMonitor<OrdersOptions> options) : IEventHandler<StockReserved>
{
    public Task HandleAsync(StockReserved @event, EventContext context, CancellationToken cancellationToken) =>
        process.ApplyAsync(@event.OrderId, context.EventType, (order, now) => order.StockReserved(now, options.CurrentValue.PaymentTimeout), cancellationToken);
}
