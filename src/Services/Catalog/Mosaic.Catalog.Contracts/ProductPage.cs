namespace Mosaic.Catalog.Contracts;

/// <summary>One page of products; <see cref="Total"/> counts every product that matched, across all pages.</summary>
public sealed record ProductPage(
    IReadOnlyList<ProductResponse> Items,
    int Page,
    int PageSize,
    int Total);
