using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Data;
using Mosaic.Orders.Domain;
using Mosaic.Orders.Process;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Problems;

namespace Mosaic.Orders.Api;

/// <summary>
/// POST /orders/{id}/cancel: the owner withdraws an order that is not yet paid for. Catalog releases
/// the stock and payments refunds a charge that raced the cancellation, on the OrderCancelled event.
/// </summary>
internal static class CancelOrder
{
    private const int Attempts = 3;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/orders/{id:guid}/cancel", Handle).WithName("CancelOrder").RequireAuthorization();

    private static async Task<IResult> Handle(
        Guid id, OrdersDbContext db, IEventBus bus, TimeProvider time, OrderMetrics metrics, HttpContext context, CancellationToken cancellationToken)
    {
        if (Customer.IdOf(context.User) is not { } customerId) return Customer.NoSubject();
        for (var attempt = 1; ; attempt++)
        {
            var order = await OrderQueries.OwnedForUpdate(db, id, customerId, cancellationToken);
            if (order is null) return Problem.NotFound($"You have no order with id {id}.");
            try
            {
                bus.Publish(order.CancelByCustomer(time.GetUtcNow()));
            }
            catch (OrderRuleException rule)
            {
                return Problem.Conflict(rule.Message);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                metrics.Finished(order);
                return Results.Ok(order.ToResponse());
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // An event moved the order since we read it: decide again on its new state.
                db.ChangeTracker.Clear();
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problem.Conflict("The order kept changing while it was being cancelled. Read it again and retry.");
            }
        }
    }
}
