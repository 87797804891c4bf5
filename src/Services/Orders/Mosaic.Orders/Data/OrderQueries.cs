using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Domain;
using Mosaic.Orders.Idempotency;

namespace Mosaic.Orders.Data;

/// <summary>
/// The orders service's queries that run for every order placed, read or moved on, compiled once: a
/// LINQ query written inline is looked up in EF Core's query cache on each run, which cost about a
/// third of a read's CPU in catalog (benchmarks/README.md).
/// </summary>
internal static class OrderQueries
{
    /// <summary>Orders with everything a response shows; lines and history are read by separate queries rather than multiplied together.</summary>
    public static IQueryable<Order> Whole(this IQueryable<Order> orders) =>
        orders.Include(o => o.Items).Include(o => o.History).AsSplitQuery();

    /// <summary>The caller's own whole order; someone else's is indistinguishable from one that does not exist.</summary>
    public static readonly Func<OrdersDbContext, Guid, Guid, CancellationToken, Task<Order?>> Owned =
        EF.CompileAsyncQuery((OrdersDbContext db, Guid id, Guid customerId, CancellationToken _) =>
            db.Orders.AsNoTracking().Whole().FirstOrDefault(o => o.Id == id && o.CustomerId == customerId));

    /// <summary>The same, tracked for change.</summary>
    public static readonly Func<OrdersDbContext, Guid, Guid, CancellationToken, Task<Order?>> OwnedForUpdate =
        EF.CompileAsyncQuery((OrdersDbContext db, Guid id, Guid customerId, CancellationToken _) =>
            db.Orders.Whole().FirstOrDefault(o => o.Id == id && o.CustomerId == customerId));

    /// <summary>An order and its lines, tracked for change, for a step of its process.</summary>
    public static readonly Func<OrdersDbContext, Guid, CancellationToken, Task<Order?>> ForUpdate =
        EF.CompileAsyncQuery((OrdersDbContext db, Guid id, CancellationToken _) =>
            db.Orders.Include(o => o.Items).FirstOrDefault(o => o.Id == id));

    public static readonly Func<OrdersDbContext, Guid, string, CancellationToken, Task<IdempotencyRecord?>> IdempotencyRecord =
        EF.CompileAsyncQuery((OrdersDbContext db, Guid customerId, string key, CancellationToken _) =>
            db.IdempotencyRecords.AsNoTracking().FirstOrDefault(r => r.CustomerId == customerId && r.Key == key));
}
