using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Messaging;

namespace Mosaic.Catalog.Handlers;

/// <summary>
/// Gives back what was reserved for a cancelled order. An order catalog has not reserved anything
/// for yet gets a tombstone, so that its placement, if it arrives later, reserves nothing.
/// </summary>
internal sealed class OrderCancelledHandler(CatalogDbContext db) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var orderId = integrationEvent.OrderId;
        if (!await CatalogQueries.IsKnownOrder(db, orderId, cancellationToken))
        {
            db.KnownOrders.Add(KnownOrder.CancelledBeforeReserving(orderId));
            return;
        }

        foreach (var (reservation, product) in await ReservedLines.LoadAsync(db, orderId, cancellationToken))
            reservation.Release(product);
    }
}
