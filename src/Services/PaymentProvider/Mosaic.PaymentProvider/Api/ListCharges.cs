using Microsoft.EntityFrameworkCore;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Data;
using Mosaic.Platform.Problems;

namespace Mosaic.PaymentProvider.Api;

/// <summary>GET /charges: the ledger, newest first, optionally only the charge under one idempotency key or for one reference.</summary>
internal static class ListCharges
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/charges", Handle).WithName("ListCharges");

    private static async Task<IResult> Handle(LedgerDbContext db, string? idempotencyKey, string? reference, CancellationToken cancellationToken)
    {
        if (idempotencyKey?.Length > ChargeLimits.IdempotencyKeyMaxLength)
            return Problem.Invalid("idempotencyKey", $"idempotencyKey has at most {ChargeLimits.IdempotencyKeyMaxLength} characters.");
        if (reference?.Length > ChargeLimits.ReferenceMaxLength)
            return Problem.Invalid("reference", $"reference has at most {ChargeLimits.ReferenceMaxLength} characters.");

        var charges = db.Charges.AsNoTracking();
        if (!string.IsNullOrEmpty(idempotencyKey)) charges = charges.Where(c => c.IdempotencyKey == idempotencyKey);
        if (!string.IsNullOrEmpty(reference)) charges = charges.Where(c => c.Reference == reference);
        var page = await charges.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);
        return Results.Ok(page.Select(c => c.ToResponse()).ToList());
    }
}
