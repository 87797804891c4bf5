namespace Mosaic.Catalog.Contracts;

/// <summary>What an admin sends to add a product (<c>POST /products</c>).</summary>
public sealed class CreateProductRequest : ProductDetails;
