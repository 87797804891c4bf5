using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;

namespace Mosaic.Catalog.Handlers;

/// <summary>An order's reservations that still hold units, each with its product, both tracked for change.</summary>
internal static class ReservedLines
{
    public static async Task<IReadOnlyList<(Reservation Reservation, Product Product)>> LoadAsync(
        CatalogDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var reservations = await CatalogQueries.OpenReservations(db, orderId).ToListAsync(cancellationToken);
        if (reservations.Count == 0) return [];
        var ids = reservations.Select(r => r.ProductId).ToArray();
        var products = await CatalogQueries.ProductsForUpdate(db, ids).ToDictionaryAsync(p => p.Id, cancellationToken: cancellationToken);
        return reservations.Select(r => (r, products[r.ProductId])).ToList();
    }
}
