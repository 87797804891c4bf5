using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Domain;

namespace Mosaic.Orders.Api;

internal static class OrderQueries
{
    /// <summary>Orders with everything a response shows; lines and history are read by separate queries rather than multiplied together.</summary>
    public static IQueryable<Order> Whole(this IQueryable<Order> orders) =>
        orders.Include(o => o.Items).Include(o => o.History).AsSplitQuery();

    /// <summary>The caller's own order; someone else's is indistinguishable from one that does not exist.</summary>
    public static Task<Order?> OwnedAsync(this IQueryable<Order> orders, Guid id, Guid customerId, CancellationToken cancellationToken) =>
        orders.Whole().FirstOrDefaultAsync(o => o.Id == id && o.CustomerId == customerId, cancellationToken);
}
