using Mosaic.Payments.Contracts.Events;
using Mosaic.Orders.Process;
using Mosaic.Platform.Messaging;

namespace Mosaic.Orders.Handlers;

/// <summary>The charge went through: confirm the order.</summary>
internal sealed class PaymentSucceededHandler(OrderProcess process) : IEventHandler<PaymentSucceeded>
{
    public Task HandleAsync(PaymentSucceeded @event, EventContext context, CancellationToken cancellationToken) =>
        process.ApplyAsync(@event.OrderId, context.EventType, (order, now) => order.PaymentSucceeded(now), cancellationToken);
}
