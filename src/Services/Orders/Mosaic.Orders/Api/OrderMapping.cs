using Mosaic.Orders.Contracts;
using Mosaic.Orders.Domain;

namespace Mosaic.Orders.Api;

internal static class OrderMapping
{
    public static OrderResponse ToResponse(this Order order) => new(
        order.Id,
        order.Status.ToString(),
        order.Status == OrderStatus.Cancelled ? order.Reason : null,
        order.Items.OrderBy(i => i.ProductId)
            .Select(i => new OrderItemResponse(i.ProductId, i.Quantity, Euros(i.UnitPriceCents), Euros(i.LineTotalCents)))
            .ToList(),
        Euros(order.TotalCents),
        DateTimeOffset.FromUnixTimeMilliseconds(order.CreatedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(order.UpdatedAt),
        order.History.OrderBy(h => h.Sequence)
            .Select(h => new OrderStatusChange(h.Status.ToString(), h.Reason, DateTimeOffset.FromUnixTimeMilliseconds(h.At)))
            .ToList());

    public static string Location(Guid orderId) => $"/orders/{orderId}";

    private static decimal Euros(long cents) => cents / 100m;
}
