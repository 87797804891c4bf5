namespace Mosaic.Catalog.Domain;

/// <summary>A change that would break one of the catalog's rules (overselling, a negative price, ...).</summary>
public sealed class CatalogRuleException : Exception
{
    public CatalogRuleException()
    {
    }

    public CatalogRuleException(string message)
        : base(message)
    {
    }

    public CatalogRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
