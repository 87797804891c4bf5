using Mosaic.Catalog.Data;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Messaging;

namespace Mosaic.Catalog.Handlers;

/// <summary>The order is paid: its reserved units are sold and leave the stock.</summary>
internal sealed class OrderConfirmedHandler(CatalogDbContext db) : IEventHandler<OrderConfirmed>
{
    public async Task HandleAsync(OrderConfirmed integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        foreach (var (reservation, product) in await ReservedLines.LoadAsync(db, integrationEvent.OrderId, cancellationToken))
            reservation.Commit(product);
    }
}
