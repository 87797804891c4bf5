namespace Mosaic.Payments.Domain;

/// <summary>A payment rule said no; the message says which.</summary>
public sealed class PaymentRuleException : Exception
{
    public PaymentRuleException() { }

    public PaymentRuleException(string message) : base(message) { }

    public PaymentRuleException(string message, Exception inner) : base(message, inner) { }
}
