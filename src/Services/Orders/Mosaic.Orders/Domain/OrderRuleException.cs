namespace Mosaic.Orders.Domain;

/// <summary>Something asked of an order that its current state does not allow; the message says why, for the customer.</summary>
public sealed class OrderRuleException : Exception
{
    public OrderRuleException()
    {
    }

    public OrderRuleException(string message)
        : base(message)
    {
    }

    public OrderRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
