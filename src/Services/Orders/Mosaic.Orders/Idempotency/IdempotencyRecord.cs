namespace Mosaic.Orders.Idempotency;

/// <summary>
/// Remembers which order a customer's <c>Idempotency-Key</c> created, and a fingerprint of the request
/// that created it: a repeat with the same body gets the same order, one with another body is refused.
/// The fingerprint is a hash, so the payment token in the request is not kept here in clear.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 100;
    public const int FingerprintLength = 64;

    public IdempotencyRecord(Guid customerId, string key, string requestFingerprint, Guid orderId, long createdAt)
    {
        CustomerId = customerId;
        Key = key;
        RequestFingerprint = requestFingerprint;
        OrderId = orderId;
        CreatedAt = createdAt;
    }

    public Guid CustomerId { get; private set; }
    public string Key { get; private set; }

    /// <summary>SHA-256 of the canonical request, as lower-case hex.</summary>
    public string RequestFingerprint { get; private set; }

    public Guid OrderId { get; private set; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; private set; }
}
