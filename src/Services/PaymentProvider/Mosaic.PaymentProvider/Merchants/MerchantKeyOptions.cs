using System.ComponentModel.DataAnnotations;
using Mosaic.Platform.Configuration;

namespace Mosaic.PaymentProvider.Merchants;

/// <summary>Settings under <c>PaymentProvider</c>: the key a merchant (payments) must present to charge and refund.</summary>
public sealed class MerchantKeyOptions
{
    public const string Section = "PaymentProvider";

    /// <summary>Sent as <c>Authorization: Bearer KEY</c>; from the environment's encrypted secrets, applied without a restart when rotated.</summary>
    [Required]
    public Secret? ApiKey { get; set; }
}
