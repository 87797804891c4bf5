using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Platform.Problems;
using Mosaic.Platform.Security;

namespace Mosaic.Catalog.Api;

/// <summary>
/// GET /admin/stock/{id} (admins only): a product's units on hand, reserved and sold, read in one
/// transaction, so a load or chaos run can check that no unit appeared or vanished.
/// </summary>
internal static class GetStockLevels
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/admin/stock/{id:guid}", Handle).WithName("GetStockLevels").RequireAuthorization(AccessTokens.AdminPolicy);

    private static async Task<IResult> Handle(Guid id, CatalogDbContext db, CancellationToken cancellationToken)
    {
        // One snapshot (SQLite serializes; PostgreSQL gives repeatable read a snapshot): the product row and its reservations are not read on either side of a commit.
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return Problem.NotFound($"There is no product with id {id}.");
        var lines = await db.Reservations.AsNoTracking()
            .Where(r => r.ProductId == id)
            .GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Units = g.Sum(r => r.Quantity), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var sold = lines.Where(l => l.Status == ReservationStatus.Committed).Sum(l => l.Units);
        var open = lines.Where(l => l.Status == ReservationStatus.Reserved).Sum(l => l.Count);
        await transaction.CommitAsync(cancellationToken);
        return Results.Ok(new StockLevels(product.Id, product.Stock, product.Available, product.Reserved, sold, open));
    }
}
