using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Platform.Security;

namespace Mosaic.Catalog.Api;

/// <summary>POST /products (admins only): adds a product and answers 201 with where to read it.</summary>
internal static class CreateProduct
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/products", Handle).WithName("CreateProduct").RequireAuthorization(AccessTokens.AdminPolicy);

    private static async Task<IResult> Handle(CreateProductRequest request, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        // Validation has already checked every field; a rule failing here would be our bug, not the client's.
        var product = Product.Create(
            Guid.CreateVersion7(), request.Name, request.Category, request.Description,
            Money.ToCents(request.Price!.Value), request.Stock!.Value);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);

        context.Response.Headers.ETag = product.ETag();
        return Results.Created($"/products/{product.Id}", product.ToResponse());
    }
}
