using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mosaic.PaymentProvider.Domain;

/// <summary>
/// A digest of everything a charge request asked for, so a retry with the same idempotency key can be
/// told apart from a different request that reuses it, without keeping the card token in the ledger.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(long amountCents, string currency, string token, string? reference)
    {
        // Length-prefixed fields: no choice of values can make two different requests read the same.
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{amountCents}|{currency.Length}:{currency}|{token.Length}:{token}|{reference?.Length ?? -1}:{reference}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
