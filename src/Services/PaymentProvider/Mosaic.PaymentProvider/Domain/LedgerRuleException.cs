namespace Mosaic.PaymentProvider.Domain;

/// <summary>A ledger rule said no (refunding a declined charge); the message says which.</summary>
public sealed class LedgerRuleException : Exception
{
    public LedgerRuleException() { }

    public LedgerRuleException(string message) : base(message) { }

    public LedgerRuleException(string message, Exception inner) : base(message, inner) { }
}
