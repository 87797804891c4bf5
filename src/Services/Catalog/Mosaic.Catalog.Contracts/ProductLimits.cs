namespace Mosaic.Catalog.Contracts;

/// <summary>The bounds a product's fields must stay within, shared by the request contracts and their clients.</summary>
public static class ProductLimits
{
    public const int NameMaxLength = 200;
    public const int CategoryMaxLength = 50;
    public const int DescriptionMaxLength = 2000;
    public const string CategoryPattern = "^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$";
    public const string MinPrice = "0.01";
    public const string MaxPrice = "1000000";
    public const int MaxStock = 1_000_000;
}
