namespace Mosaic.Catalog.Contracts;

/// <summary>A product as shoppers see it. <see cref="Available"/> is stock on hand less what open orders have reserved.</summary>
public sealed record ProductResponse(
    Guid Id,
    string Name,
    string Category,
    string Description,
    decimal Price,
    int Available);
