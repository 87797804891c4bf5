using System.ComponentModel.DataAnnotations;

namespace Mosaic.Catalog.Contracts;

/// <summary>The fields an admin writes when adding or replacing a product.</summary>
public abstract class ProductDetails
{
    [Required, StringLength(ProductLimits.NameMaxLength, MinimumLength = 1)]
    public string Name { get; init; } = "";

    [Required, StringLength(ProductLimits.CategoryMaxLength, MinimumLength = 1)]
    [RegularExpression(ProductLimits.CategoryPattern, ErrorMessage = "The field Category must be letters and digits, words joined by '-'.")]
    public string Category { get; init; } = "";

    [StringLength(ProductLimits.DescriptionMaxLength)]
    public string? Description { get; init; }

    /// <summary>Nullable only so that a missing price is reported as missing instead of read as zero.</summary>
    [Required, Range(typeof(decimal), ProductLimits.MinPrice, ProductLimits.MaxPrice), WholeCents]
    public decimal? Price { get; init; }

    /// <summary>Units on hand. Nullable only so that a missing stock is reported instead of read as zero.</summary>
    [Required, Range(0, ProductLimits.MaxStock)]
    public int? Stock { get; init; }
}
