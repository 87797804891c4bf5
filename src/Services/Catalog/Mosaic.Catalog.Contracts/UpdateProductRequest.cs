namespace Mosaic.Catalog.Contracts;

/// <summary>What an admin sends to replace a product's details (<c>PUT /products/{id}</c>); every field is required, as with create.</summary>
public sealed class UpdateProductRequest : ProductDetails;
