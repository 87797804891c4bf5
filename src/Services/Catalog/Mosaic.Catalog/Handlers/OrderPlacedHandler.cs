using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Messaging;

namespace Mosaic.Catalog.Handlers;

/// <summary>
/// Reserves every line of a placed order, or none: a line for an unknown product, or for more than
/// is available, changes nothing and says which product failed. Another instance reserving the same
/// product at the same time makes one save fail on the product's version, and the platform runs this
/// again on fresh state: that, not a check here, is what keeps stock from being oversold.
/// </summary>
internal sealed class OrderPlacedHandler(CatalogDbContext db, IEventBus bus) : IEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        var orderId = integrationEvent.OrderId;
        // Reserved already (a repeat), or cancelled before it got here (a tombstone): nothing to do.
        if (await CatalogQueries.IsKnownOrder(db, orderId, cancellationToken)) return;

        var wanted = Wanted(integrationEvent.Lines);
        var products = await CatalogQueries.ProductsForUpdate(db, [.. wanted.Keys]).ToDictionaryAsync(p => p.Id, cancellationToken: cancellationToken);
        foreach (var (productId, quantity) in wanted)
        {
            var reason = !products.TryGetValue(productId, out var product) ? ReservationFailureReasons.UnknownProduct
                : quantity > product.Available ? ReservationFailureReasons.OutOfStock
                : null;
            if (reason is null) continue;
            bus.Publish(new StockReservationFailed(orderId, productId, reason));
            return;
        }

        foreach (var (productId, quantity) in wanted)
            db.Reservations.Add(Reservation.Of(orderId, products[productId], quantity));
        db.KnownOrders.Add(KnownOrder.Reserved(orderId));
        bus.Publish(new StockReserved(orderId));
    }

    /// <summary>Quantity per product, in the order the lines name them; a product on two lines is one reservation of both.</summary>
    private static Dictionary<Guid, int> Wanted(IReadOnlyList<OrderLine> lines)
    {
        var wanted = new Dictionary<Guid, int>(lines.Count);
        foreach (var line in lines)
            wanted[line.ProductId] = checked(wanted.GetValueOrDefault(line.ProductId) + line.Quantity);
        return wanted;
    }
}
