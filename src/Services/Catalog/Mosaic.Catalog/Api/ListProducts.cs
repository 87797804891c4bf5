using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Platform.Problems;

namespace Mosaic.Catalog.Api;

/// <summary>GET /products: one page of products, optionally in one category and/or matching a search text.</summary>
internal static class ListProducts
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 100;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/products", Handle).WithName("ListProducts");

    private static async Task<IResult> Handle(
        CatalogDbContext db, int? page, int? pageSize, string? category, string? q, CancellationToken cancellationToken)
    {
        var pageNumber = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (pageNumber < 1) return Problem.Invalid("page", "page starts at 1.");
        if (size is < 1 or > MaxPageSize) return Problem.Invalid("pageSize", $"pageSize is between 1 and {MaxPageSize}.");
        if (q?.Length > MaxSearchLength) return Problem.Invalid("q", $"q has at most {MaxSearchLength} characters.");

        // Categories are stored in lower case, so an exact match here is a case-insensitive one.
        var wanted = string.IsNullOrWhiteSpace(category) ? null : category.Trim().ToLowerInvariant();
        // SearchText is kept lower-cased by the domain; Contains becomes instr() on SQLite and strpos() on
        // PostgreSQL, neither of which treats % or _ in the user's text as wildcards.
        var term = string.IsNullOrWhiteSpace(q) ? null : Product.NormalizeSearch(q);

        var total = await CatalogQueries.CountMatching(db, wanted, term, cancellationToken);
        var offset = (long)(pageNumber - 1) * size;
        List<Product> items = offset >= total
            ? []
            : await CatalogQueries.PageMatching(db, wanted, term, (int)offset, size).ToListAsync(cancellationToken);

        return Results.Ok(new ProductPage(items.Select(p => p.ToResponse()).ToList(), pageNumber, size, total));
    }
}
