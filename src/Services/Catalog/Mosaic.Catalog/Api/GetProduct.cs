using Microsoft.EntityFrameworkCore;
using Mosaic.Catalog.Data;
using Mosaic.Platform.Problems;

namespace Mosaic.Catalog.Api;

/// <summary>GET /products/{id}: one product. An id that is not a GUID matches no route, so it is a 404 too.</summary>
internal static class GetProduct
{
    public const string Name = "GetProduct";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/products/{id:guid}", Handle).WithName(Name);

    private static async Task<IResult> Handle(Guid id, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var product = await CatalogQueries.ProductById(db, id, cancellationToken);
        if (product is null) return Problem.NotFound($"There is no product with id {id}.");
        context.Response.Headers.ETag = product.ETag();
        return Results.Ok(product.ToResponse());
    }
}
