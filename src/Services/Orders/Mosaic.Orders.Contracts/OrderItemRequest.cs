using System.ComponentModel.DataAnnotations;

namespace Mosaic.Orders.Contracts;

/// <summary>One line of an order request. Nullable only so that a missing field is reported as missing instead of read as empty.</summary>
public sealed class OrderItemRequest
{
    [Required]
    public Guid? ProductId { get; init; }

    [Required, Range(1, OrderLimits.MaxQuantity)]
    public int? Quantity { get; init; }
}
