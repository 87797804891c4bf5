namespace Mosaic.Orders.Pricing;

/// <summary>Catalog could not be asked for prices (no instance answered, it failed, or it was too slow): try again later.</summary>
public sealed class CatalogUnavailableException : Exception
{
    public CatalogUnavailableException()
    {
    }

    public CatalogUnavailableException(string message)
        : base(message)
    {
    }

    public CatalogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
