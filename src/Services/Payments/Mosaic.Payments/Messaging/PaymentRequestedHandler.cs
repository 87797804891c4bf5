using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mosaic.Orders.Contracts.Events;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Payments.Data;
using Mosaic.Payments.Domain;
using Mosaic.Payments.Provider;
using Mosaic.Platform.Messaging;

namespace Mosaic.Payments.Messaging;

/// <summary>
/// Charges an order once its stock is reserved, and says how it went (PaymentSucceeded or
/// PaymentFailed). The charge carries the order's idempotency key, so a retried message, a re-run
/// after a conflict, or a second instance never charges twice: the provider returns the charge it
/// already made. An order cancelled first is not charged; if a run that lost that race did charge
/// it, the charge is found by its key and refunded.
/// </summary>
internal sealed partial class PaymentRequestedHandler(
    PaymentsDbContext db,
    IEventBus bus,
    PaymentProviderClient provider,
    IOptions<ProviderOptions> options,
    TimeProvider time,
    ILogger<PaymentRequestedHandler> logger) : IEventHandler<PaymentRequested>
{
    public async Task HandleAsync(PaymentRequested message, EventContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payment = await PaymentQueries.ForOrder(db, message.OrderId, cancellationToken);
        if (payment is { Status: PaymentStatus.Cancelled })
        {
            await RefundStrayChargeAsync(payment, cancellationToken);
            return;
        }
        if (payment is not null)
        {
            // Already answered; orders has (or will get) that answer from the outbox.
            LogAlreadySettled(logger, message.OrderId, payment.Status);
            return;
        }

        var charge = await provider.ChargeAsync(new ChargeRequest
        {
            AmountCents = message.AmountCents,
            Currency = options.Value.Currency,
            Token = message.PaymentToken,
            Reference = message.OrderId.ToString("D", CultureInfo.InvariantCulture),
        }, Payment.ChargeKeyFor(message.OrderId), cancellationToken);

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        switch (charge.Status)
        {
            case ChargeStatuses.Succeeded:
                db.Payments.Add(Payment.Succeeded(id, message.OrderId, charge.AmountCents, charge.Id, now));
                bus.Publish(new PaymentSucceeded(message.OrderId, id, charge.Id, charge.AmountCents));
                LogSucceeded(logger, message.OrderId, charge.Id, charge.AmountCents);
                break;
            case ChargeStatuses.Declined:
                var reason = charge.DeclineCode ?? DeclineCodes.CardDeclined;
                db.Payments.Add(Payment.Declined(id, message.OrderId, charge.AmountCents, charge.Id, reason, now));
                bus.Publish(new PaymentFailed(message.OrderId, reason));
                LogDeclined(logger, message.OrderId, charge.Id, reason);
                break;
            default:
                // Only a cancellation refunds, and a cancellation leaves a payment row behind: a refunded
                // charge with no payment here means that row was lost. Nothing can be promised to orders.
                throw new InvalidOperationException(
                    $"The provider reports charge {charge.Id} of order {message.OrderId} as {charge.Status}, but payments has no record of it.");
        }
    }

    private async Task RefundStrayChargeAsync(Payment payment, CancellationToken cancellationToken)
    {
        var charges = await provider.FindChargesAsync(Payment.ChargeKeyFor(payment.OrderId), cancellationToken);
        foreach (var charge in charges.Where(c => c.Status is ChargeStatuses.Succeeded or ChargeStatuses.Refunded))
        {
            if (charge.Status == ChargeStatuses.Succeeded) await provider.RefundAsync(charge.Id, cancellationToken);
            payment.RefundedStrayCharge(charge.Id, charge.AmountCents, time.GetUtcNow());
            LogStrayRefunded(logger, payment.OrderId, charge.Id);
        }
        if (charges.Count > 0) return;

        // A charge attempt abandoned on our side (timed out, or a run that lost its lease) may still be
        // landing at the provider. Until that can no longer happen, "no charge" is not an answer:
        // retry, so that a late charge is found and refunded instead of kept.
        var settled = payment.CreatedAt + SettleWindow(options.Value);
        if (time.GetUtcNow() < settled)
            throw new ChargeMayStillLandException(payment.OrderId, settled);
        LogNotCharged(logger, payment.OrderId);
    }

    /// <summary>Longest a charge we gave up on could still be in progress at the provider, with a margin.</summary>
    private static TimeSpan SettleWindow(ProviderOptions provider) => provider.AttemptTimeout * provider.MaxAttempts * 2 + TimeSpan.FromSeconds(1);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} paid: charge {ChargeId} for {AmountCents} cents")]
    private static partial void LogSucceeded(ILogger logger, Guid orderId, string chargeId, long amountCents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} declined: charge {ChargeId}, {DeclineCode}")]
    private static partial void LogDeclined(ILogger logger, Guid orderId, string chargeId, string declineCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment for order {OrderId} was already {Status}; nothing to do")]
    private static partial void LogAlreadySettled(ILogger logger, Guid orderId, PaymentStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was cancelled before payment: not charging it")]
    private static partial void LogNotCharged(ILogger logger, Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId} was cancelled, yet charged ({ChargeId}) by a run that lost the race: refunded")]
    private static partial void LogStrayRefunded(ILogger logger, Guid orderId, string chargeId);
}
