using System.ComponentModel.DataAnnotations;

namespace Mosaic.Catalog.Contracts;

/// <summary>
/// A money amount with at most two decimal places. Prices are kept as whole cents, so an amount
/// like 9.999 is refused rather than silently rounded.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class WholeCentsAttribute : ValidationAttribute
{
    public WholeCentsAttribute()
        : base("The field {0} must have at most two decimal places.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not decimal amount || decimal.Round(amount, 2) == amount;
}
