using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Domain;

namespace Mosaic.Catalog.Data;

/// <summary>
/// The catalog's queries that run on every browse, product read and order, compiled once. A LINQ
/// query written inline is looked up in EF Core's query cache on each run (its expression compared
/// and its parameters extracted), which cost about a third of a product read's CPU (benchmarks/README.md).
/// </summary>
internal static class CatalogQueries
{
    public static readonly Func<CatalogDbContext, Guid, CancellationToken, Task<Product?>> ProductById =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid id, CancellationToken _) =>
            db.Products.AsNoTracking().FirstOrDefault(p => p.Id == id));

    /// <summary>Products tracked for change, for a handler that reserves or releases their units.</summary>
    public static readonly Func<CatalogDbContext, Guid[], IAsyncEnumerable<Product>> ProductsForUpdate =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid[] ids) =>
            db.Products.Where(p => ids.Contains(p.Id)));

    /// <summary>
    /// How many products match: <paramref name="category"/> (lower case) and a normalized search
    /// <paramref name="term"/>, each left out when null. EF Core drops a null filter from the SQL.
    /// </summary>
    public static readonly Func<CatalogDbContext, string?, string?, CancellationToken, Task<int>> CountMatching =
        EF.CompileAsyncQuery((CatalogDbContext db, string? category, string? term, CancellationToken _) =>
            db.Products.Count(p => (category == null || p.Category == category) && (term == null || p.SearchText.Contains(term))));

    /// <summary>One page of the products <see cref="CountMatching"/> counts, by name.</summary>
    public static readonly Func<CatalogDbContext, string?, string?, int, int, IAsyncEnumerable<Product>> PageMatching =
        EF.CompileAsyncQuery((CatalogDbContext db, string? category, string? term, int offset, int size) =>
            db.Products.AsNoTracking()
                .Where(p => (category == null || p.Category == category) && (term == null || p.SearchText.Contains(term)))
                .OrderBy(p => p.Name).ThenBy(p => p.Id)
                .Skip(offset).Take(size));

    public static readonly Func<CatalogDbContext, Guid, CancellationToken, Task<bool>> IsKnownOrder =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid orderId, CancellationToken _) =>
            db.KnownOrders.Any(o => o.OrderId == orderId));

    /// <summary>An order's reservations that still hold units, tracked for change.</summary>
    public static readonly Func<CatalogDbContext, Guid, IAsyncEnumerable<Reservation>> OpenReservations =
        EF.CompileAsyncQuery((CatalogDbContext db, Guid orderId) =>
            db.Reservations.Where(r => r.OrderId == orderId && r.Status == ReservationStatus.Reserved));
}
