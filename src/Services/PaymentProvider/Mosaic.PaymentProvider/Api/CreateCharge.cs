using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Data;
using Mosaic.PaymentProvider.Domain;

namespace Mosaic.PaymentProvider.Api;

/// <summary>
/// POST /charges: takes money, once per <c>Idempotency-Key</c>. A repeat of the same request gets the
/// first answer again (marked <c>Idempotent-Replayed: true</c>); a different request under a used key
/// is a 422. Requests racing with one key meet at the ledger's unique index: one inserts, the others
/// read what it inserted.
/// </summary>
internal static partial class CreateCharge
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/charges", Handle).WithName("CreateCharge");

    private static async Task<IResult> Handle(
        ChargeRequest request,
        [FromHeader(Name = ProviderHeaders.IdempotencyKey)] string? idempotencyKey,
        LedgerDbContext db,
        TimeProvider time,
        HttpContext context,
        ILogger<Charge> logger,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idempotencyKey) || idempotencyKey.Length > ChargeLimits.IdempotencyKeyMaxLength)
            return InvalidKey();

        // Validation has checked every field; a rule failing below would be our bug, not the client's.
        var amount = request.AmountCents!.Value;
        var fingerprint = RequestFingerprint.Of(amount, request.Currency, request.Token, request.Reference);

        var existing = await FindAsync(db, idempotencyKey, cancellationToken);
        if (existing is not null) return Replay(existing, fingerprint, context);

        var charge = Charge.Attempt(Charge.NewId(), idempotencyKey, fingerprint, amount, request.Currency, request.Token, request.Reference, time.GetUtcNow());
        db.Charges.Add(charge);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Most likely a concurrent request with the same key won the insert: answer with its charge.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(db, idempotencyKey, cancellationToken);
            if (winner is null) throw;
            return Replay(winner, fingerprint, context);
        }

        LogCharged(logger, charge.Id, charge.Status, charge.AmountCents, charge.Currency, charge.Reference);
        return charge.ToCreatedResult();
    }

    /// <summary>
    /// A 400 naming the header as it is spelled: Problem.Invalid would camel-case it ("idempotency-Key"),
    /// which is right for JSON fields but not for a header.
    /// </summary>
    private static IResult InvalidKey()
    {
        var message = $"The {ProviderHeaders.IdempotencyKey} header is required: 1 to {ChargeLimits.IdempotencyKeyMaxLength} characters naming this one charge.";
        return Results.Problem(
            title: "Invalid request",
            detail: message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [ProviderHeaders.IdempotencyKey] = [message] } });
    }

    private static Task<Charge?> FindAsync(LedgerDbContext db, string idempotencyKey, CancellationToken cancellationToken) =>
        ChargeQueries.ByIdempotencyKey(db, idempotencyKey, cancellationToken);

    private static IResult Replay(Charge charge, string fingerprint, HttpContext context)
    {
        if (!string.Equals(charge.RequestFingerprint, fingerprint, StringComparison.Ordinal))
            return Results.Problem(
                title: "Idempotency key reused",
                detail: $"The {ProviderHeaders.IdempotencyKey} was already used for a different charge request ({charge.Id}). Use a new key for a new charge.",
                statusCode: StatusCodes.Status422UnprocessableEntity);
        context.Response.Headers[ProviderHeaders.IdempotentReplayed] = "true";
        return charge.ToCreatedResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Charge {ChargeId} {Status}: {AmountCents} {Currency} for reference {Reference}")]
    private static partial void LogCharged(ILogger logger, string chargeId, ChargeStatus status, long amountCents, string currency, string? reference);
}
