using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Domain;

namespace Mosaic.PaymentProvider.Api;

internal static class ChargeMapping
{
    public static ChargeResponse ToResponse(this Charge charge) => new(
        charge.Id,
        charge.Status switch
        {
            ChargeStatus.Succeeded => ChargeStatuses.Succeeded,
            ChargeStatus.Declined => ChargeStatuses.Declined,
            ChargeStatus.Refunded => ChargeStatuses.Refunded,
            _ => throw new InvalidOperationException($"Unknown charge status {charge.Status}."),
        },
        charge.AmountCents,
        charge.Currency,
        charge.Reference,
        charge.IdempotencyKey,
        charge.CreatedAt,
        charge.DeclineCode,
        charge.RefundedAt);

    /// <summary>
    /// The answer to the request that made the charge, given again for every retry of it: 201 when
    /// money was taken (even if refunded since), 402 with the charge when it was declined.
    /// </summary>
    public static IResult ToCreatedResult(this Charge charge) =>
        charge.Status == ChargeStatus.Declined
            ? Results.Json(charge.ToResponse(), statusCode: StatusCodes.Status402PaymentRequired)
            : Results.Created($"/charges/{charge.Id}", charge.ToResponse());
}
