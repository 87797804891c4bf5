using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mosaic.Orders.Idempotency;

/// <summary>
/// A hash of what an order request asks for, so that a repeat of the same request is recognised
/// whatever its JSON formatting or the order of its lines, and the payment token is not stored in clear.
/// </summary>
public static class RequestFingerprint
{
    public static string Of(IEnumerable<(Guid ProductId, int Quantity)> items, string paymentToken)
    {
        var canonical = new StringBuilder();
        foreach (var (productId, quantity) in items.OrderBy(i => i.ProductId))
            canonical.Append(CultureInfo.InvariantCulture, $"{productId:N}:{quantity};");
        canonical.Append('\n').Append(paymentToken);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}
