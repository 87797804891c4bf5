using Microsoft.EntityFrameworkCore;
using Mosaic.PaymentProvider.Data;
using Mosaic.PaymentProvider.Domain;
using Mosaic.Platform.Problems;

namespace Mosaic.PaymentProvider.Api;

/// <summary>
/// POST /charges/{id}/refund: gives the money back. Safe to repeat: refunding a refunded charge
/// answers with it unchanged. A declined charge took nothing, so refunding it is a 409.
/// </summary>
internal static partial class RefundCharge
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/charges/{id}/refund", Handle).WithName("RefundCharge");

    private static async Task<IResult> Handle(string id, LedgerDbContext db, TimeProvider time, ILogger<Charge> logger, CancellationToken cancellationToken)
    {
        var charge = await db.Charges.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (charge is null) return Problem.NotFound($"There is no charge with id {id}.");
        var wasRefunded = charge.Status == ChargeStatus.Refunded;
        try
        {
            charge.Refund(time.GetUtcNow());
        }
        catch (LedgerRuleException rule)
        {
            return Problem.Conflict(rule.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
        if (!wasRefunded) LogRefunded(logger, charge.Id, charge.AmountCents, charge.Currency);
        return Results.Ok(charge.ToResponse());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge {ChargeId} refunded: {AmountCents} {Currency}")]
    private static partial void LogRefunded(ILogger logger, string chargeId, long amountCents, string currency);
}
