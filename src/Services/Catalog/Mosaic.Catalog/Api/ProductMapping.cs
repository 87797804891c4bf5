using Mosaic.Catalog.Contracts;
using Mosaic.Catalog.Domain;

namespace Mosaic.Catalog.Api;

internal static class ProductMapping
{
    public static ProductResponse ToResponse(this Product product) =>
        new(product.Id, product.Name, product.Category, product.Description, product.Price, product.Available);

    /// <summary>The product's version as an entity tag, so a client can make its update conditional with If-Match.</summary>
    public static string ETag(this Product product) => $"\"{product.Version}\"";
}
