using Microsoft.EntityFrameworkCore;
using Mosaic.Payments.Contracts;
using Mosaic.Payments.Data;
using Mosaic.Payments.Domain;
using Mosaic.Platform.Problems;
using Mosaic.Platform.Security;

namespace Mosaic.Payments.Api;

/// <summary>GET /payments/{orderId} (admins only): what became of an order's payment.</summary>
internal static class GetPayment
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/payments/{orderId:guid}", Handle).WithName("GetPayment").RequireAuthorization(AccessTokens.AdminPolicy);

    private static async Task<IResult> Handle(Guid orderId, PaymentsDbContext db, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
        return payment is null ? Problem.NotFound($"There is no payment for order {orderId}.") : Results.Ok(ToResponse(payment));
    }

    internal static PaymentResponse ToResponse(Payment payment) => new(
        payment.Id,
        payment.OrderId,
        payment.AmountCents,
        payment.Status switch
        {
            PaymentStatus.Succeeded => PaymentStatuses.Succeeded,
            PaymentStatus.Declined => PaymentStatuses.Declined,
            PaymentStatus.Cancelled => PaymentStatuses.Cancelled,
            PaymentStatus.Refunded => PaymentStatuses.Refunded,
            _ => throw new InvalidOperationException($"Unknown payment status {payment.Status}."),
        },
        payment.ChargeId,
        payment.DeclineCode,
        payment.CreatedAt,
        payment.UpdatedAt);
}
