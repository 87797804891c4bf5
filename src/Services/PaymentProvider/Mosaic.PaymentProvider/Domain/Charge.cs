using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.PaymentProvider.Domain;

/// <summary>
/// One row of the ledger: an attempt to take money under an idempotency key, and how it ended. The
/// key is unique in the ledger, so however often and however concurrently a caller retries, one key
/// is at most one charge. <see cref="RequestFingerprint"/> tells a true retry from a different
/// request that reuses a key; the card token itself is never stored.
/// </summary>
public sealed class Charge
{
    public const int IdMaxLength = 40;
    public const int FingerprintLength = 64;
    public const int DeclineCodeMaxLength = 50;

    private Charge(string id, string idempotencyKey, string requestFingerprint, long amountCents, string currency, string? reference, DateTimeOffset createdAt)
    {
        Id = id;
        IdempotencyKey = idempotencyKey;
        RequestFingerprint = requestFingerprint;
        AmountCents = amountCents;
        Currency = currency;
        Reference = reference;
        CreatedAt = ToMilliseconds(createdAt);
    }

    public string Id { get; private set; }
    public string IdempotencyKey { get; private set; }
    public string RequestFingerprint { get; private set; }
    public long AmountCents { get; private set; }
    public string Currency { get; private set; }
    public string? Reference { get; private set; }
    public ChargeStatus Status { get; private set; }
    public string? DeclineCode { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RefundedAt { get; private set; }

    public static string NewId() => $"ch_{Guid.CreateVersion7():N}";

    /// <summary>Charges the card the token stands for; the simulator decides by the token alone.</summary>
    public static Charge Attempt(string id, string idempotencyKey, string requestFingerprint, long amountCents, string currency, string token, string? reference, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(idempotencyKey)) throw new LedgerRuleException("A charge needs an idempotency key.");
        if (amountCents is < ChargeLimits.MinAmountCents or > ChargeLimits.MaxAmountCents)
            throw new LedgerRuleException($"A charge is for {ChargeLimits.MinAmountCents} to {ChargeLimits.MaxAmountCents} cents, not {amountCents}.");
        var charge = new Charge(id, idempotencyKey, requestFingerprint, amountCents, currency, reference, now);
        (charge.Status, charge.DeclineCode) = token switch
        {
            TestTokens.Ok => (ChargeStatus.Succeeded, (string?)null),
            TestTokens.Declined => (ChargeStatus.Declined, DeclineCodes.CardDeclined),
            _ => (ChargeStatus.Declined, DeclineCodes.InvalidToken),
        };
        return charge;
    }

    /// <summary>Gives the money back. Refunding twice is the same as refunding once; a declined charge took nothing to give back.</summary>
    public void Refund(DateTimeOffset now)
    {
        switch (Status)
        {
            case ChargeStatus.Refunded:
                return;
            case ChargeStatus.Declined:
                throw new LedgerRuleException($"Charge {Id} was declined: there is nothing to refund.");
            default:
                Status = ChargeStatus.Refunded;
                RefundedAt = ToMilliseconds(now);
                return;
        }
    }

    /// <summary>The ledger keeps times to the millisecond; an answer given before saving must say what a later read will.</summary>
    private static DateTimeOffset ToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
