using System.ComponentModel.DataAnnotations;

namespace Mosaic.Orders.Contracts;

/// <summary>What a customer sends to place an order (<c>POST /orders</c>, with an <c>Idempotency-Key</c> header).</summary>
public sealed class PlaceOrderRequest
{
    [Required, Length(1, OrderLimits.MaxItems)]
    public List<OrderItemRequest>? Items { get; init; }

    /// <summary>The customer's token at the payment provider; charged once catalog has reserved the stock.</summary>
    [Required, StringLength(OrderLimits.PaymentTokenMaxLength, MinimumLength = 1)]
    public string? PaymentToken { get; init; }
}
