namespace Mosaic.Payments.Domain;

/// <summary>
/// What became of an order's payment; one per order. A payment is created only once the provider has
/// answered (succeeded or declined), or as a tombstone (<see cref="PaymentStatus.Cancelled"/>) when
/// the order was cancelled before payment was asked for, so that a late request does not charge.
/// </summary>
public sealed class Payment
{
    public const int ChargeIdMaxLength = 40;
    public const int DeclineCodeMaxLength = 50;

    /// <summary>For EF Core, which sets the properties itself when it reads a payment.</summary>
    private Payment()
    {
    }

    private Payment(Guid id, Guid orderId, long amountCents, PaymentStatus status, DateTimeOffset now)
    {
        if (id == Guid.Empty) throw new PaymentRuleException("A payment needs an id.");
        if (orderId == Guid.Empty) throw new PaymentRuleException("A payment belongs to an order.");
        if (amountCents < 0) throw new PaymentRuleException($"A payment cannot be for {amountCents} cents.");
        Id = id;
        OrderId = orderId;
        AmountCents = amountCents;
        Status = status;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid OrderId { get; private set; }
    public long AmountCents { get; private set; }
    public PaymentStatus Status { get; private set; }
    public string? ChargeId { get; private set; }
    public string? DeclineCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// The provider's idempotency key for the order's one charge: every attempt, by any run of any
    /// instance, asks for the same charge, so the provider makes it at most once.
    /// </summary>
    public static string ChargeKeyFor(Guid orderId) => $"order-{orderId:D}";

    public static Payment Succeeded(Guid id, Guid orderId, long amountCents, string chargeId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(chargeId)) throw new PaymentRuleException("A successful payment names its charge.");
        return new Payment(id, orderId, amountCents, PaymentStatus.Succeeded, now) { ChargeId = chargeId };
    }

    public static Payment Declined(Guid id, Guid orderId, long amountCents, string chargeId, string declineCode, DateTimeOffset now) =>
        new(id, orderId, amountCents, PaymentStatus.Declined, now) { ChargeId = chargeId, DeclineCode = declineCode };

    /// <summary>The order was cancelled before any payment: a later request to pay for it must not charge.</summary>
    public static Payment Cancelled(Guid id, Guid orderId, DateTimeOffset now) =>
        new(id, orderId, 0, PaymentStatus.Cancelled, now);

    /// <summary>The charge was given back because the order was cancelled after it was paid.</summary>
    public void Refunded(DateTimeOffset now)
    {
        if (Status != PaymentStatus.Succeeded)
            throw new PaymentRuleException($"Only a successful payment can be refunded; the payment of order {OrderId} is {Status}.");
        Status = PaymentStatus.Refunded;
        UpdatedAt = now;
    }

    /// <summary>
    /// A charge was found for an order cancelled before it was paid (made by a run that lost the race
    /// with the cancellation) and has been given back: the tombstone records it.
    /// </summary>
    public void RefundedStrayCharge(string chargeId, long amountCents, DateTimeOffset now)
    {
        if (Status != PaymentStatus.Cancelled)
            throw new PaymentRuleException($"A stray charge is refunded only for a cancelled order; the payment of order {OrderId} is {Status}.");
        ChargeId = chargeId;
        AmountCents = amountCents;
        Status = PaymentStatus.Refunded;
        UpdatedAt = now;
    }
}
