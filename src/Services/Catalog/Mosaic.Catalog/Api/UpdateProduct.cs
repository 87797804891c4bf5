using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.Net.Http.Headers;
using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Platform.Problems;
using Mosaic.Platform.Security;

namespace Mosaic.Catalog.Api;

/// <summary>
/// PUT /products/{id} (admins only): replaces a product's details. A client that sends If-Match with
/// the ETag it read gets 412 if the product changed since; without it, a write that races another
/// one still cannot overwrite it unseen: the version check on save turns the loser into a 409.
/// </summary>
internal static class UpdateProduct
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPut("/products/{id:guid}", Handle).WithName("UpdateProduct").RequireAuthorization(AccessTokens.AdminPolicy);

    private static async Task<IResult> Handle(
        Guid id, UpdateProductRequest request, CatalogDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        var product = await db.Products.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return Problem.NotFound($"There is no product with id {id}.");
        var typed = context.Request.GetTypedHeaders();
        if (context.Request.Headers.IfMatch.Count > 0 && typed.IfMatch.Count == 0)
            return Problem.Invalid("If-Match", "The If-Match header must be one or more quoted ETags (as GET /products/{id} returns them) or *.");
        if (!Matches(typed, product))
            return Results.Problem(
                title: "Precondition failed",
                detail: $"The product has changed since you read it (it is now at ETag {product.ETag()}). Read it again and retry.",
                statusCode: StatusCodes.Status412PreconditionFailed);

        try
        {
            product.Update(request.Name, request.Category, request.Description, Money.ToCents(request.Price!.Value), request.Stock!.Value);
        }
        catch (CatalogRuleException rule)
        {
            return Problem.Conflict(rule.Message);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problem.Conflict("The product was changed by another request while this update was in progress. Read it again and retry.");
        }

        context.Response.Headers.ETag = product.ETag();
        return Results.Ok(product.ToResponse());
    }

    private static bool Matches(RequestHeaders headers, Product product)
    {
        var conditions = headers.IfMatch;
        if (conditions.Count == 0) return true;
        var current = new EntityTagHeaderValue(product.ETag());
        return conditions.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }
}
