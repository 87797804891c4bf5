using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Payments.Data;
using Mosaic.Payments.Domain;
using Mosaic.Payments.Provider;
using Mosaic.Platform.Messaging;

namespace Mosaic.Payments.Messaging;

/// <summary>
/// An order was cancelled: a paid one is refunded; one not yet paid gets a tombstone, so that a
/// PaymentRequested still on its way does not charge it.
/// </summary>
internal sealed partial class OrderCancelledHandler(
    PaymentsDbContext db,
    PaymentProviderClient provider,
    TimeProvider time,
    ILogger<OrderCancelledHandler> logger) : IEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled message, EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payment = await PaymentQueries.ForOrder(db, message.OrderId, cancellationToken);
        switch (payment?.Status)
        {
            case null:
                var now = time.GetUtcNow();
                db.Payments.Add(Payment.Cancelled(Guid.CreateVersion7(now), message.OrderId, now));
                LogTombstone(logger, message.OrderId, message.Reason);
                break;
            case PaymentStatus.Succeeded:
                // Refunds are idempotent at the provider: a re-run after a failed save refunds nothing twice.
                await provider.RefundAsync(payment.ChargeId!, cancellationToken);
                payment.Refunded(time.GetUtcNow());
                LogRefunded(logger, message.OrderId, payment.ChargeId!, message.Reason);
                break;
            default:
                // Declined took nothing; refunded and cancelled were handled before.
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} cancelled ({Reason}) before payment: it will not be charged")]
    private static partial void LogTombstone(ILogger logger, Guid orderId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} cancelled ({Reason}) after payment: charge {ChargeId} refunded")]
    private static partial void LogRefunded(ILogger logger, Guid orderId, string chargeId, string reason);
}
