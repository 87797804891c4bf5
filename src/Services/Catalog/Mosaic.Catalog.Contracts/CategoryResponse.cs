namespace Mosaic.Catalog.Contracts;

/// <summary>A category and how many products it holds.</summary>
public sealed record CategoryResponse(string Name, int Products);
