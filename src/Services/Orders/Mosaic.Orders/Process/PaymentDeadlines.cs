using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Orders.Data;
using Mosaic.Orders.Domain;
using Mosaic.Platform.Messaging;

namespace Mosaic.Orders.Process;

/// <summary>
/// Cancels orders whose payment was not answered by its deadline. Each order is saved on its own,
/// so an order that a payment event (or another instance's sweep) moved first only loses that one
/// race: its version no longer matches, and the next sweep finds it no longer awaiting payment.
/// </summary>
public sealed partial class PaymentDeadlines(
    OrdersDbContext db,
    IEventBus bus,
    TimeProvider time,
    OrderMetrics metrics,
    IOptionsMonitor<OrdersOptions> options,
    ILogger<PaymentDeadlines> logger)
{
    /// <summary>Returns how many orders it cancelled.</summary>
    public async Task<int> CancelOverdueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var overdue = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.AwaitingPayment && o.PaymentDueAt <= nowMs)
            .OrderBy(o => o.PaymentDueAt)
            .Select(o => o.Id)
            .Take(options.CurrentValue.SweepBatchSize)
            .ToListAsync(cancellationToken);

        var cancelled = 0;
        foreach (var id in overdue)
        {
            // Whatever a lost race left tracked (the order, its outbox row) must not ride along with the next save.
            db.ChangeTracker.Clear();
            var order = await OrderQueries.ForUpdate(db, id, cancellationToken);
            if (order?.PaymentTimedOut(now) is not { } cancellation) continue;
            bus.Publish(cancellation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                LogRaced(logger, id);
                continue;
            }
            cancelled++;
            metrics.Finished(order);
            LogTimedOut(logger, id);
        }
        db.ChangeTracker.Clear();
        return cancelled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} got no payment answer in time; cancelled (payment-timeout)")]
    private static partial void LogTimedOut(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} changed while its payment timeout was applied; left as the other change made it")]
    private static partial void LogRaced(ILogger logger, Guid orderId);
}
