namespace Mosaic.Cli.Load.Shop;

/// <summary>What a run prepared before its first measured request: the users, its own products, an admin, and how many requests that took.</summary>
public sealed record ShopFixture(
    Uri Gateway,
    IReadOnlyList<ShopUser> Users,
    IReadOnlyList<Guid> Products,
    int ProductStock,
    int CatalogPages,
    string AdminToken,
    long SetupRequests);
