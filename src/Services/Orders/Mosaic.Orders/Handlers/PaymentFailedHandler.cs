using Mosaic.Payments.Contracts.Events;
using Mosaic.Orders.Process;
using Mosaic.Platform.Messaging;

namespace Mosaic.Orders.Handlers;

/// <summary>The charge was declined: cancel the order (payment-declined).</summary>
internal sealed class PaymentFailedHandler(OrderProcess process) : IEventHandler<PaymentFailed>
{
    public Task HandleAsync(PaymentFailed @event, EventContext context, CancellationToken cancellationToken) =>
        process.ApplyAsync(@event.OrderId, context.EventType, (order, now) => order.PaymentFailed(now), cancellationToken);
}
