namespace Mosaic.Catalog.Api;

internal static class CatalogApi
{
    /// <summary>Every catalog endpoint. Reads are open to anyone; writes and the stock audit need an admin's access token.</summary>
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        ListProducts.Map(app);
        GetProduct.Map(app);
        ListCategories.Map(app);
        CreateProduct.Map(app);
        UpdateProduct.Map(app);
        GetStockLevels.Map(app);
        return app;
    }
}
