using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Data;
using Mosaic.Platform.Problems;

namespace Mosaic.Orders.Api;

/// <summary>GET /orders/{id}: the order with its lines and history, for its owner only (anyone else gets 404).</summary>
internal static class GetOrder
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/orders/{id:guid}", Handle).WithName("GetOrder").RequireAuthorization();

    private static async Task<IResult> Handle(Guid id, OrdersDbContext db, HttpContext context, CancellationToken cancellationToken)
    {
        if (Customer.IdOf(context.User) is not { } customerId) return Customer.NoSubject();
        var order = await OrderQueries.Owned(db, id, customerId, cancellationToken);
        return order is null ? Problem.NotFound($"You have no order with id {id}.") : Results.Ok(order.ToResponse());
    }
}
