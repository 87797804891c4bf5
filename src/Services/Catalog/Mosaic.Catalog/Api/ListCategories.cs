using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Data;

namespace Mosaic.Catalog.Api;

/// <summary>GET /categories: every category with its number of products, by name.</summary>
internal static class ListCategories
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/categories", Handle).WithName("ListCategories");

    private static async Task<IResult> Handle(CatalogDbContext db, CancellationToken cancellationToken)
    {
        var categories = await db.Products.AsNoTracking()
            .GroupBy(p => p.Category)
            .OrderBy(g => g.Key)
            .Select(g => new CategoryResponse(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        return Results.Ok(categories);
    }
}
