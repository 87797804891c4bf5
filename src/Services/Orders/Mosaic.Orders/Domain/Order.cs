using Mosaic.Orders.Contracts.Events;

namespace Mosaic.Orders.Domain;

/// <summary>
/// An order and the process that carries it from placed to confirmed or cancelled. Each reaction to
/// another service's event is a method that changes the state and returns the event to publish, or
/// returns null and changes nothing when the event no longer applies (the order was cancelled
/// meanwhile): catalog and payments undo their own side when they see the cancellation, so a late
/// event needs no answer. Every change bumps <see cref="Version"/>, which the database compares on
/// save, so two instances reacting to the same order at once cannot both move it.
/// </summary>
public sealed class Order
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 100;
    public const int PaymentTokenMaxLength = 100;
    public const int StatusMaxLength = 20;
    public const int ReasonMaxLength = 40;

    private readonly List<OrderItem> items = [];
    private readonly List<OrderHistoryEntry> history = [];

    private Order(Guid id, Guid customerId)
    {
        Id = id;
        CustomerId = customerId;
    }

    public Guid Id { get; private set; }
    public Guid CustomerId { get; private set; }
    public OrderStatus Status { get; private set; }

    /// <summary>One of <see cref="CancellationReasons"/> while <see cref="Status"/> is Cancelled; otherwise null.</summary>
    public string? Reason { get; private set; }

    /// <summary>Kept only until payment is requested: after that nothing here needs it, so it is not held longer.</summary>
    public string? PaymentToken { get; private set; }

    public long TotalCents { get; private set; }

    /// <summary>Unix milliseconds, like every time on the order: numbers compare and sort the same on every database.</summary>
    public long CreatedAt { get; private set; }

    public long UpdatedAt { get; private set; }

    /// <summary>While awaiting payment: when the order is given up on if payments has not answered.</summary>
    public long? PaymentDueAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<OrderItem> Items => items;

    public IReadOnlyList<OrderHistoryEntry> History => history;

    public IReadOnlyList<OrderLine> Lines => items.Select(i => new OrderLine(i.ProductId, i.Quantity, i.UnitPriceCents)).ToList();

    public bool IsFinal => Status is OrderStatus.Confirmed or OrderStatus.Cancelled;

    /// <summary>A new order, Pending until catalog has reserved its stock; returns it with the event that asks for that.</summary>
    public static (Order Order, OrderPlaced Placed) Place(
        Guid id, Guid customerId, IReadOnlyList<OrderItem> items, string paymentToken, DateTimeOffset now)
    {
        if (id == Guid.Empty) throw new OrderRuleException("An order needs an id.");
        if (customerId == Guid.Empty) throw new OrderRuleException("An order needs a customer.");
        if (items.Count is 0 or > MaxItems) throw new OrderRuleException($"An order has 1 to {MaxItems} items, not {items.Count}.");
        if (items.Select(i => i.ProductId).Distinct().Count() != items.Count)
            throw new OrderRuleException("An order names each product once.");
        if (items.Any(i => i.Quantity is < 1 or > MaxQuantity))
            throw new OrderRuleException($"A quantity is between 1 and {MaxQuantity}.");
        if (items.Any(i => i.UnitPriceCents <= 0)) throw new OrderRuleException("Every item needs a price above zero.");
        if (string.IsNullOrEmpty(paymentToken) || paymentToken.Length > PaymentTokenMaxLength)
            throw new OrderRuleException($"A payment token has 1 to {PaymentTokenMaxLength} characters.");

        var order = new Order(id, customerId)
        {
            PaymentToken = paymentToken,
            TotalCents = items.Sum(i => i.LineTotalCents),
            CreatedAt = now.ToUnixTimeMilliseconds(),
        };
        order.items.AddRange(items);
        order.MoveTo(OrderStatus.Pending, null, now);
        return (order, new OrderPlaced(order.Id, order.CustomerId, order.Lines, order.TotalCents));
    }

    /// <summary>Catalog reserved every line: ask for the payment, and give payments until <paramref name="paymentTimeout"/> from now.</summary>
    public PaymentRequested? StockReserved(DateTimeOffset now, TimeSpan paymentTimeout)
    {
        if (Status != OrderStatus.Pending) return null;
        var token = PaymentToken ?? throw new InvalidOperationException($"Order {Id} is pending without a payment token.");
        MoveTo(OrderStatus.AwaitingPayment, null, now);
        PaymentDueAt = (now + paymentTimeout).ToUnixTimeMilliseconds();
        PaymentToken = null;
        return new PaymentRequested(Id, CustomerId, TotalCents, token);
    }

    /// <summary>Catalog could not reserve every line: nothing was reserved, so the order ends here.</summary>
    public OrderCancelled? StockReservationFailed(DateTimeOffset now) =>
        Status == OrderStatus.Pending ? Cancel(CancellationReasons.OutOfStock, now) : null;

    public OrderConfirmed? PaymentSucceeded(DateTimeOffset now)
    {
        if (Status != OrderStatus.AwaitingPayment) return null;
        MoveTo(OrderStatus.Confirmed, null, now);
        return new OrderConfirmed(Id, Lines);
    }

    public OrderCancelled? PaymentFailed(DateTimeOffset now) =>
        Status == OrderStatus.AwaitingPayment ? Cancel(CancellationReasons.PaymentDeclined, now) : null;

    /// <summary>Gives up on a payment that has not been answered by its deadline; null if it was answered or is not due yet.</summary>
    public OrderCancelled? PaymentTimedOut(DateTimeOffset now) =>
        Status == OrderStatus.AwaitingPayment && PaymentDueAt <= now.ToUnixTimeMilliseconds()
            ? Cancel(CancellationReasons.PaymentTimeout, now)
            : null;

    /// <summary>The customer withdraws the order; allowed until it is paid for.</summary>
    public OrderCancelled CancelByCustomer(DateTimeOffset now) => Status switch
    {
        OrderStatus.Pending or OrderStatus.AwaitingPayment => Cancel(CancellationReasons.CustomerRequest, now),
        OrderStatus.Confirmed => throw new OrderRuleException("The order is already paid and confirmed; it can no longer be cancelled."),
        _ => throw new OrderRuleException($"The order is already cancelled ({Reason})."),
    };

    private OrderCancelled Cancel(string reason, DateTimeOffset now)
    {
        MoveTo(OrderStatus.Cancelled, reason, now);
        PaymentToken = null;
        return new OrderCancelled(Id, reason, Lines);
    }

    private void MoveTo(OrderStatus status, string? reason, DateTimeOffset now)
    {
        Status = status;
        Reason = reason;
        UpdatedAt = now.ToUnixTimeMilliseconds();
        PaymentDueAt = null;
        Version++;
        history.Add(new OrderHistoryEntry(Guid.CreateVersion7(now), Id, Version, status, reason, UpdatedAt));
    }
}
